"""What content/ holds besides writers' files: links out of it, and files the site never builds.

A plugin (``register()``); every problem names the file (and the link's target):

- ``symlink-outside-content``: a file or folder symbolic link whose target is
  outside the content folder (a secret file, the home folder). Left out of
  the build, so it is never read, copied or published.
- ``dangling-symlink``: a link whose target does not exist.
- ``symlink-loop``: a folder link to a folder that holds it (or a link to
  itself), which Pelican would follow forever.
- ``link-outside-content``: a ``{static}``, ``{attach}`` or ``{filename}`` link
  whose path leaves the content folder (``{static}/../pelicanconf.py``),
  named at its line. A static file from outside the content folder, or one
  that would be written outside the output folder, is never copied.
- ``unbuilt-file``: a file the site does not build (``.MD``, ``.txt``,
  ``.md.txt``, a Markdown file in the root of ``content/`` or any folder that
  is not an article, page or static path), which would otherwise be dropped
  without a word.

The links are found at ``initialized``, before any file is read: folders are
added to ``ARTICLE_EXCLUDES``, ``PAGE_EXCLUDES`` and ``STATIC_EXCLUDES``,
files to ``IGNORE_FILES``. Names matching ``IGNORE_FILES`` (editors' lock,
swap and backup files; pelicanconf.py) are skipped first.

Settings: ``CONTENT_DATA_PATHS`` (default ``["data"]``): folders of content/
read by plugins, not published (their files are not ``unbuilt-file``).
"""

import errno
import fnmatch
import glob
import os

from pelican import signals

from plugins.common.build import build_of
from plugins.common.contents import contents, static_files
from plugins.common.problems import display_path, report

CHECK_IDS = ("symlink-outside-content", "dangling-symlink", "symlink-loop",
             "link-outside-content", "unbuilt-file")
STATE = "content_paths"
FOLLOW_LINK = ("remove the link and copy the file itself into content/ (only what is"
               " in content/ is published)")


def inside(path, folder):
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def ignored(name, settings):
    return any(fnmatch.fnmatch(name, pattern) for pattern in settings.get("IGNORE_FILES", ()))


def link_problem(link, root, ancestors):
    """(check, message) for a symbolic link that must not be followed, or None."""
    target = os.readlink(link)
    try:
        os.stat(link)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "symlink-loop", f"the link points to itself, through {target}"
        return "dangling-symlink", f"the link points to {target}, which does not exist"
    real = os.path.realpath(link)
    if not inside(real, root):
        return "symlink-outside-content", (f"the link points to {real}, outside the content"
                                           " folder")
    if os.path.isdir(real) and real in ancestors:
        return "symlink-loop", (f"the folder link points to {display_path(real)}, a folder"
                                " that holds it: it would be read again and again")
    return None


def scan(root, settings):
    """Walk content/ without following links: (problems, bad links, regular files)."""
    problems, bad, files = [], [], []

    def walk(folder, ancestors):
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            return
        for entry in entries:
            if ignored(entry.name, settings):
                continue
            if entry.is_symlink():
                found = link_problem(entry.path, root, ancestors)
                if found:
                    problems.append((entry.path, *found))
                    bad.append(entry)
                elif not os.path.isdir(entry.path):
                    files.append(entry.path)
                # a folder link inside content/: its files are walked where they are
            elif entry.is_dir():
                walk(entry.path, ancestors | {os.path.realpath(entry.path)})
            elif entry.is_file():
                files.append(entry.path)

    walk(root, {root})
    return problems, bad, files


def leave_out_links(pelican):
    """Report every link that must not be followed, and keep it out of the build."""
    settings = pelican.settings
    root = os.path.realpath(settings["PATH"])
    problems, bad, files = scan(root, settings)
    build_of(settings).state(STATE, dict)["files"] = files
    for path, check, message in problems:
        report(settings, check, f"{message}; it is left out of the site", FOLLOW_LINK,
               source=path)
    for entry in bad:
        # *_EXCLUDES leave out a folder, IGNORE_FILES a file (of that name, anywhere)
        relative = os.path.relpath(entry.path, root)
        for key in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES", "STATIC_EXCLUDES"):
            settings[key] = [*settings.get(key, ()), relative]
        settings["IGNORE_FILES"] = [*settings.get("IGNORE_FILES", ()), glob.escape(entry.name)]


# --- {static}/../file ---------------------------------------------------------------


def escaping_links(content, root):
    """(link as written, resolved path) of each intrasite link that leaves content/."""
    from plugins.checks.html import INTRASITE_LINK

    for match in INTRASITE_LINK.finditer(content._content or ""):
        path = match.group("path")
        if not path:
            continue
        relative = path[1:] if path.startswith("/") else os.path.join(
            content.relative_dir, path)
        resolved = os.path.realpath(os.path.join(root, relative))
        if not inside(resolved, root):
            yield f"{{{match.group('what')}}}{path}", resolved


def check_links(generators):
    generators = list(generators)
    if not generators:
        return
    settings = generators[0].settings
    root = os.path.realpath(settings["PATH"])
    for content in contents(generators):
        for written, resolved in escaping_links(content, root):
            report(settings, "link-outside-content",
                   f"the link {written} leads out of the content folder (to {resolved})",
                   "link only to files in content/: copy the file into content/images/ or"
                   " content/extra/", source=content.source_path, needle=written)
    report_unbuilt(generators, settings, root)


def drop_escaping_static_links(generator):
    """Keep Pelican from reading a {static} or {attach} target outside content/ at all.

    Once the articles (and the pages) are read, their static links are in the
    context; the static generator, which reads them next, never sees these.
    """
    root = os.path.realpath(generator.path)
    links = generator.context.get("static_links")
    if links:
        links -= {link for link in links
                  if not inside(os.path.realpath(os.path.join(root, link)), root)}


def keep_static_inside(generator):
    """Never copy a static file from outside content/ or to outside the output folder."""
    root = os.path.realpath(generator.path)
    output = os.path.realpath(generator.output_path)
    kept = []
    for static in generator.staticfiles:
        source = os.path.realpath(os.path.join(generator.path, static.source_path))
        destination = os.path.realpath(os.path.join(output, static.save_as))
        if inside(source, root) and inside(destination, output):
            kept.append(static)
        else:
            report(generator.settings, "link-outside-content",
                   f"{source} is outside the content folder (or would be written outside"
                   " the output folder): it was not copied",
                   "link only to files in content/", source=source)
    generator.staticfiles[:] = kept


# --- Files the site does not build -------------------------------------------------------


def under(relative, folders):
    return any(not folder or relative == folder or relative.startswith(folder.rstrip("/") + "/")
               for folder in folders)


def unbuilt_reason(relative, settings, extensions):
    """Why a file of content/ is not built (relative: its posix path there), or None."""
    if under(relative, settings.get("STATIC_PATHS", ())) and \
            not under(relative, settings.get("STATIC_EXCLUDES", ())):
        return None
    if under(relative, settings.get("CONTENT_DATA_PATHS", ["data"])):
        return None
    templates = {os.path.normpath(key) for key in settings.get("TEMPLATE_PAGES") or {}}
    if os.path.normpath(relative) in templates:
        return None
    name = os.path.basename(relative)
    extension = os.path.splitext(name)[1][1:]
    sources = [*settings.get("ARTICLE_PATHS", ()), *settings.get("PAGE_PATHS", ())]
    if under(relative, sources):
        if extension in extensions:
            return None
        if extension.lower() in extensions:
            return (f"the extension .{extension} is not read (only lower-case"
                    f" .{extension.lower()}), so this file is not built",
                    f"rename it to {os.path.splitext(name)[0]}.{extension.lower()}")
        return ("this kind of file is not built (an article or page is a .md file)",
                "save it as a .md file (name.md, not name.md.txt), or move it out of content/")
    if extension.lower() in extensions:
        return ("an article or page outside content/articles/ and content/pages/ is not"
                " built", "move it into content/articles/ or content/pages/")
    return ("this file is not part of the site (not an article, page, image or extra"
            " file) and is not published",
            "move it into content/images/ or content/extra/ to publish it, or delete it")


def report_unbuilt(generators, settings, root):
    files = build_of(settings).state(STATE, dict).get("files", [])
    extensions = set(generators[0].readers.extensions) if hasattr(generators[0], "readers") \
        else {"md"}
    linked = {os.path.realpath(static.source_path) for static in static_files(generators)}
    for path in files:
        if os.path.realpath(path) in linked:
            continue  # copied as a static file: a {static} or {attach} target, say
        relative = os.path.relpath(path, root).replace(os.sep, "/")
        found = unbuilt_reason(relative, settings, extensions)
        if found:
            report(settings, "unbuilt-file", found[0], found[1], source=path)


def register():
    signals.initialized.connect(leave_out_links)
    signals.article_generator_finalized.connect(drop_escaping_static_links)
    signals.page_generator_finalized.connect(drop_escaping_static_links)
    signals.static_generator_finalized.connect(keep_static_inside)
    signals.all_generators_finalized.connect(check_links)
