"""Screenshots of the site's key pages, for a person to look at.

Run by `invoke screenshots`. Builds the development site into a temporary folder,
serves it on 127.0.0.1 and, in Debian's chromium, writes full-page PNGs of each
page below that the site has, on a phone (390x844) and a desktop (1280x900), in
light and dark mode, to ``screenshots/`` (or the folder given):
``<page>-<device>-<scheme>.png``. Nothing compares them: they are for eyes.
"""

import argparse
from pathlib import Path
import sys
import tempfile

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the project, run as a script too
from scripts.build import DEV_SETTINGS, ROOT, build  # noqa: E402
from scripts.site_server import serve_in_background  # noqa: E402

CHROMIUM = "/usr/bin/chromium"  # Debian's; never a browser a tool downloads
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
DEVICES = {
    "phone": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
              "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}
SCHEMES = ["light", "dark"]
DEFAULT_FOLDER = ROOT / "screenshots"


def key_pages(settings):
    """(name, path from the site root) of the pages to show; the booking page from CLINIC."""
    booking = str(settings.get("CLINIC", {}).get("booking_url", "contact/")).lstrip("/")
    pages = [
        ("home", ""),
        ("article", "articles/do-physical-therapists-massage/"),
        ("service", "services/myofascial-release/"),
        ("condition", "conditions/neck-pain/"),
        ("book", booking),
        ("contact", "contact/"),
        ("team", "team/"),
        ("comparison", "pt-vs-spa-massage/"),
        ("notice", "privacy-practices/"),
    ]
    seen, unique = set(), []
    for name, path in pages:
        if path not in seen:
            seen.add(path)
            unique.append((name, path))
    return unique


def take(site, folder, pages):
    """Write the screenshots of pages that exist in site; return the files written."""
    from playwright.sync_api import sync_playwright

    server, url = serve_in_background(site)
    written = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name, path in pages:
                if not (site / path / "index.html").is_file():
                    print(f"screenshots: {name} ({path or '/'}) is not in this site, skipped")
                    continue
                for device, options in DEVICES.items():
                    for scheme in SCHEMES:
                        context = browser.new_context(color_scheme=scheme, **options)
                        page = context.new_page()
                        page.goto(url + path, wait_until="load")
                        file = folder / f"{name}-{device}-{scheme}.png"
                        page.screenshot(path=str(file), full_page=True)
                        written.append(file)
                        context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_FOLDER,
                        help="the folder to write the PNGs to (default: screenshots/)")
    args = parser.parse_args(argv)
    from pelican.settings import read_settings

    settings = read_settings(str(DEV_SETTINGS))
    folder = args.output.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="screenshots-") as temp:
        site = Path(temp) / "output"
        result = build(site, DEV_SETTINGS, overrides={"SEARCH_INDEX": False})
        if result.returncode != 0:
            sys.stderr.write(result.stdout + result.stderr)
            raise SystemExit("screenshots: the build failed (see above)")
        written = take(site, folder, key_pages(settings))
    print(f"screenshots: {len(written)} PNGs in {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
