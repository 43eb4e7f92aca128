"""The clinic's checks: writers' sources, rendered HTML, the written output, and the report."""


def check_names():
    """The id of every check that looks at writers' files (docs/writing.md explains each)."""
    from plugins.checks import html, links, sources, spelling

    return ([check.name for check in sources.CHECKS + html.CHECKS] + list(links.CHECK_IDS)
            + list(spelling.CHECK_IDS))
