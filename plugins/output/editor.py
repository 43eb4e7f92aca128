"""The content editor at ``/admin/``: Sveltia CMS, served by the site itself.

An output step (``output.editor`` in ``OUTPUT_PIPELINE``, development and
production). It writes ``admin/`` into the output:

- ``index.html`` from the theme's ``theme/admin/index.html`` (its own small page,
  not ``base.html``: its own Content-Security-Policy meta, ``noindex``);
- the editor, copied from the npm package ``@sveltia/cms`` (pinned in
  ``package.json``; ``npm ci --omit=dev`` installs it, ``scripts/install.sh``
  runs that) and its three fonts from the Fontsource packages, so the editor
  loads nothing from another origin;
- ``editor.js`` from ``theme/admin/``: the Pelican header format, the preview
  templates and the locally served fonts;
- ``config.json``: the editor's configuration, **generated** from the field table
  (``plugins/common/fields.py``): one collection per entry of
  ``EDITOR_COLLECTIONS``, whose fields are the table's fields that kind of file
  needs (required in the form) or is offered (``Field.shown_for``), in the one
  header order (``fields.header_order``) ``invoke new`` writes too. It also holds
  what the preview shows: the disclaimer (rendered from its theme component), the
  reviewers and the review interval.

The step runs after the content-hash step (``output.asset_hashes``), so nothing
of ``admin/`` is minified or renamed, and it knows the stylesheet's final name
for the preview. When the editor package is missing (``npm`` never ran) it
reports ``editor-missing`` (``SEVERITY``: a warning while writing, an error in
production) and writes no ``admin/``.

Settings:
``EDITOR`` (default ``True``): ``False`` writes no ``admin/``.
``EDITOR_FOLDER`` (default ``"admin"``): the folder of the output.
``EDITOR_NODE_MODULES`` (default ``node_modules`` of the project): where the npm
packages are.
``EDITOR_BACKEND``: the editor's ``backend`` (a Git host, the repository and branch).
``EDITOR_CONTENT_FOLDER`` (default ``"content"``): the content folder as a path in
the repository (the editor reads and writes files there).
``EDITOR_COLLECTIONS``: [{name, label, label_singular, folder or file (relative to
the content folder), kinds (the ``Field.required_by``/``shown_for`` kinds of its
files), defaults {key: value}, filter {key: value} (only the files whose field has
that value), slug_prefix (the ``Slug`` of its files starts with it), create}].
``EDITOR_CONTENT_SECURITY_POLICY``: the policy of the admin page (its meta element;
``publishconf.py`` sends it as a header on ``/admin/*`` too).
"""

import base64
import hashlib
import json
import os
from pathlib import Path
import re
import shutil

from jinja2 import Environment, FileSystemLoader

from plugins.clinic import disclaimer
from plugins.common import fields
from plugins.common.problems import report

ROOT = Path(__file__).resolve().parents[2]
THEME_FILES = Path("admin")  # inside THEME: index.html (a template), editor.js
# What the page loads, copied from node_modules: {output path in admin/: package path}.
EDITOR_PACKAGE = "@sveltia/cms"
PACKAGE_FILES = {
    "sveltia-cms.js": "@sveltia/cms/dist/sveltia-cms.js",
    # Loaded by the bundle from beside itself (preview templates use React).
    "chunks/react-dom.js": "@sveltia/cms/dist/chunks/react-dom.js",
    "fonts/source-sans-3.woff2":
        "@fontsource-variable/source-sans-3/files/source-sans-3-latin-wght-normal.woff2",
    "fonts/noto-mono.woff2": "@fontsource/noto-mono/files/noto-mono-latin-400-normal.woff2",
    "fonts/material-symbols-outlined.woff2":
        "@fontsource-variable/material-symbols-outlined/files/"
        "material-symbols-outlined-latin-wght-normal.woff2",
}
# Modules the bundle imports at run time from a package CDN, at the versions of its own
# package.json (npm installs them beside it): {package: file}. An import map on the
# page sends each of those addresses to a copy in admin/vendor/ (Immutable.js gives
# the preview templates their entry; the others read, shrink and convert what a writer
# uploads or pastes).
CDN = "https://unpkg.com"
VENDOR_MODULES = {
    "immutable": "dist/immutable.es.js",
    "exifr": "dist/lite.esm.mjs",
    "svgo": "dist/svgo.browser.js",
    "turndown": "lib/turndown.browser.es.js",
}
STYLESHEET = "theme/css/site.css"
FORMAT = "pelican"  # the name editor.js registers its header format under
STATUS_CHOICES = ["draft", "hidden", "published"]
KIND_LABELS = {"article": "articles", "page": "pages", "medical": "medical pages",
               "story": "patient stories"}


def package_root(settings):
    return Path(settings.get("EDITOR_NODE_MODULES") or ROOT / "node_modules")


def missing_files(settings):
    """The package files the page needs that are not installed."""
    modules = package_root(settings)
    needed = [*PACKAGE_FILES.values(), f"{EDITOR_PACKAGE}/package.json",
              *(f"{name}/{file}" for name, file in VENDOR_MODULES.items())]
    return [name for name in needed if not (modules / name).is_file()]


def import_map(settings):
    """The page's import map: each CDN address the bundle imports -> its copy in vendor/."""
    package = json.loads((package_root(settings) / EDITOR_PACKAGE / "package.json")
                         .read_text(encoding="utf-8"))
    imports = {}
    for name, file in VENDOR_MODULES.items():
        # The bundle's own rule: the version of its dependency, less a leading ^ or ~.
        version = re.sub(r"^\D", "", package["dependencies"][name])
        imports[f"{CDN}/{name}@{version}/{file}"] = f"./vendor/{name}/{file}"
    return json.dumps({"imports": imports}, indent=1, sort_keys=True)


def script_hash(text):
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def page_policy(settings, importmap):
    """EDITOR_CONTENT_SECURITY_POLICY with the import map's hash added to script-src."""
    directives = [part.strip() for part in
                  settings.get("EDITOR_CONTENT_SECURITY_POLICY", "").split(";") if part.strip()]
    if not any(part.split()[0] == "script-src" for part in directives):
        directives.append("script-src 'self'")
    return "; ".join(f"{part} {script_hash(importmap)}" if part.split()[0] == "script-src"
                     else part for part in directives)


# --- The configuration, from the field table ----------------------------------------


def choices(field, settings):
    """The options of a field whose values are a list in the settings, or None."""
    if field.key == "category":
        return list(settings.get("ARTICLE_CATEGORIES") or [])
    if field.key == "author":
        return list(settings.get("AUTHORS_ALLOWED") or [settings.get("AUTHOR")])
    if field.key == "reviewer":
        return [{"label": ", ".join(part for part in (entry.get("name"),
                                                      entry.get("credentials")) if part),
                 "value": key} for key, entry in (settings.get("REVIEWERS") or {}).items()]
    if field.key == "status":
        return STATUS_CHOICES
    if field.kind == "yes/no":
        return ["yes", "no"]
    return None


def hint(field):
    needed = [KIND_LABELS[kind] for kind in field.required_by if kind in KIND_LABELS]
    text = field.meaning[0].upper() + field.meaning[1:]
    if needed:
        text += f". Needed by {', '.join(needed)}"
    return f"{text}. Example: {field.example}"


def widget(field, settings, required, collection):
    """One field of an editor form."""
    entry = {"name": field.key, "label": field.name, "hint": hint(field),
             "required": required}
    options = choices(field, settings)
    if options is not None:
        entry.update(widget="select", options=options)
    elif field.kind == "date":
        # Stored as the writer types it: YYYY-MM-DD.
        entry.update(widget="datetime", format="YYYY-MM-DD", time_format=False)
    else:
        entry["widget"] = "string"  # one line: a header value never spans lines
    if field.key == "slug" and collection.get("slug_prefix"):
        prefix = collection["slug_prefix"]
        section = re.escape(prefix.rstrip("/"))  # the section's own page: just "services"
        entry.update(required=True, pattern=[
            f"^{section}(/[a-z0-9]+(-[a-z0-9]+)*)?$",
            f"{prefix} then lower-case words joined by hyphens: {prefix}example-name"])
    default = (collection.get("defaults") or {}).get(field.key)
    if default is not None:
        entry["default"] = default
    return entry


def form_fields(collection, settings):
    """The fields of a collection's form, in the header order, then the text."""
    kinds = set(collection["kinds"])
    needed = {field.key for kind in kinds & {"article", "page", "story"}
              for field in fields.required(kind)}
    # The review is needed once a medical file is published: offered, and the checks
    # refuse a published medical file without it (a draft has not been reviewed yet).
    offered = kinds | ({"medical"} if kinds & {"article", "page"} else set())
    shown = []
    for field in fields.header_order():
        wanted = field.key in needed or offered & (set(field.required_by)
                                                   | set(field.shown_for))
        if wanted:
            shown.append(widget(field, settings, field.key in needed, collection))
    # A default for a field the form does not show (the template of a service page):
    # kept as a hidden field, so new files get it and a filter can read it.
    names = {entry["name"] for entry in shown}
    for key, value in (collection.get("defaults") or {}).items():
        if key not in names:
            shown.append({"name": key, "label": fields.BY_KEY[key].name, "widget": "hidden",
                          "default": value})
    # Markdown as typed first (the rich-text mode one click away): the file keeps the
    # writer's own Markdown, {filename} links and all.
    shown.append({"name": "body", "label": "Text", "widget": "markdown", "required": True,
                  "modes": ["raw", "rich_text"],
                  "hint": "Start each section with a heading (level 2); the title above is"
                          " the page's only top-level heading. Images need a description"
                          " (alt text)."})
    return shown


def collection_config(collection, settings):
    content = settings.get("EDITOR_CONTENT_FOLDER", "content").strip("/")
    entry = {
        "name": collection["name"],
        "label": collection["label"],
        "label_singular": collection.get("label_singular", collection["label"]),
        "format": FORMAT,
        "fields": form_fields(collection, settings),
    }
    entry.update(folder=f"{content}/{collection['folder']}", slug="{{slug}}",
                 summary="{{title}}", create=collection.get("create", True))
    if collection.get("filter"):
        (key, value), = collection["filter"].items()
        entry["filter"] = {"field": key, "value": value}
    return entry


def editor_config(settings):
    """The editor's configuration (Sveltia CMS's config.yml, as JSON)."""
    content = settings.get("EDITOR_CONTENT_FOLDER", "content").strip("/")
    config = {
        "load_config_file": False,
        "backend": dict(settings.get("EDITOR_BACKEND") or {"name": "github"}),
        "media_folder": f"{content}/images",
        # How a writer links an image in Markdown: ![description]({static}/images/x.jpg)
        "public_folder": "{static}/images",
        "slug": {"encoding": "ascii", "clean_accents": True},
        "collections": [collection_config(collection, settings)
                        for collection in settings.get("EDITOR_COLLECTIONS") or []],
    }
    siteurl = settings.get("SITEURL") or ""
    if siteurl.startswith(("https://", "http://")):  # the editor links to it ("View on site")
        config["site_url"] = siteurl
    return config


def preview_data(settings, stylesheet):
    """What editor.js needs besides the configuration: the header order, the
    stylesheet, the disclaimer and the review block's facts."""
    return {
        "format": FORMAT,
        "content_folder": settings.get("EDITOR_CONTENT_FOLDER", "content").strip("/"),
        "headers": [[field.key, field.name] for field in fields.header_order()],
        "stylesheet": stylesheet,
        "disclaimer_html": disclaimer.markup(settings),
        "reviewers": settings.get("REVIEWERS") or {},
        "review_interval_months": settings.get("REVIEW_INTERVAL_MONTHS", 12),
        "date_format": settings.get("DEFAULT_DATE_FORMAT") or "%B %-d, %Y",
        "collections": {collection["name"]: {"kinds": collection["kinds"]}
                        for collection in settings.get("EDITOR_COLLECTIONS") or []},
    }


# --- The step ----------------------------------------------------------------------


def stylesheet_path(build):
    """The site's stylesheet as the output has it (renamed with its hash in production)."""
    stem, suffix = os.path.splitext(STYLESHEET)
    for relative in build.hashed_assets:
        name, ext = os.path.splitext(relative)
        if ext == suffix and name.rpartition(".")[0] == stem:
            return relative
    return STYLESHEET


def render_page(settings, folder, importmap, policy):
    theme = Path(settings["THEME"])
    environment = Environment(loader=FileSystemLoader(theme / THEME_FILES), autoescape=True)
    return environment.get_template("index.html").render(
        SITENAME=settings.get("SITENAME", ""), content_security_policy=policy,
        importmap=importmap, site_root="../" * len(Path(folder).parts))


def run(build):
    settings = build.settings
    if not settings.get("EDITOR", True):
        return
    missing = missing_files(settings)
    if missing:
        report(settings, "editor-missing",
               f"the content editor (/admin/) was not built: {', '.join(missing)} not found"
               f" in {package_root(settings)}",
               "run `bash scripts/install.sh` (it installs the editor with npm)")
        return
    folder = settings.get("EDITOR_FOLDER", "admin").strip("/")
    target = build.output / folder
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    modules = package_root(settings)
    for name, source in PACKAGE_FILES.items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(modules / source, target / name)
    shutil.copyfile(Path(settings["THEME"]) / THEME_FILES / "editor.js", target / "editor.js")
    depth = "../" * len(Path(folder).parts)
    config = {"cms": editor_config(settings),
              "site": preview_data(settings, depth + stylesheet_path(build))}
    (target / "config.json").write_text(json.dumps(config, indent=1, sort_keys=True) + "\n",
                                        encoding="utf-8")
    for name, file in VENDOR_MODULES.items():
        (target / "vendor" / name / file).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(modules / name / file, target / "vendor" / name / file)
    importmap = import_map(settings)
    policy = page_policy(settings, importmap)
    (target / "index.html").write_text(render_page(settings, folder, importmap, policy),
                                       encoding="utf-8")
    # The same policy as a header on the folder (output.host_files), where a host sends
    # _headers; a header can also forbid framing the editor.
    build.path_headers[f"/{folder}/"] = {
        "Content-Security-Policy": f"{policy}; frame-ancestors 'none'"}
