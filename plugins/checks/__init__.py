"""The clinic's checks: writers' sources, rendered HTML, the written output, and the report."""


def check_names():
    """The id of every check that looks at writers' files (docs/writing.md explains each)."""
    from plugins.checks import content_paths, html, images, links, raw_html, sources, spelling

    return ([check.name for check in sources.CHECKS + html.CHECKS + raw_html.CHECKS
             + images.CHECKS] + list(links.CHECK_IDS) + list(content_paths.CHECK_IDS)
            + list(spelling.CHECK_IDS))
