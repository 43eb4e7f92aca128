"""Generate a deterministic synthetic corpus shaped like the clinic's real articles.

Each article is about 1,200 words of Markdown with ``##``/``###`` headings,
bullet lists with bold lead-ins, a table, ``{filename}`` links to other
generated articles, an image through ``{static}`` with alt text, and every
metadata key the content checks expect (title, dates, category from
``ARTICLE_CATEGORIES``, tags, slug, author from ``AUTHORS_ALLOWED``, summary,
reviewer, review date and the fingerprint of the text reviewed). A few plain
pages and small PNG images come with them. The same ``n``, ``seed`` and
``today`` always give the same bytes.

Files go under ``bench/`` sub-folders of a content folder
(``articles/bench/``, ``pages/bench/``, ``images/bench/``), so the real
content beside them is left alone.

    python bench/generate.py CONTENT_DIR --articles 100 [--seed 8]
"""

import argparse
import datetime as dt
from pathlib import Path
import random
import runpy
import struct
import sys
import zlib

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: the project's modules are importable
    sys.path.insert(0, str(ROOT))

from plugins.clinic.review import words_fingerprint  # noqa: E402

SUBDIR = "bench"
PAGES = 4
IMAGES = 8
REVIEWER = "clinical-director"

WORDS = [
    "pain", "movement", "muscle", "joint", "tissue", "stiffness", "therapy", "therapist",
    "session", "assessment", "plan", "exercise", "strength", "mobility", "posture", "recovery",
    "injury", "knee", "shoulder", "neck", "back", "hip", "ankle", "tendon", "ligament",
    "fascia", "pressure", "technique", "massage", "release", "stretch", "balance", "walking",
    "sleep", "daily", "routine", "patient", "clinic", "care", "progress", "goal", "function",
    "flexibility", "range", "motion", "swelling", "healing", "support", "habit", "comfort",
    "activity", "work", "home", "week", "month",
]
VERBS = [
    "eases", "improves", "supports", "restores", "reduces", "loosens", "strengthens",
    "protects", "guides", "relieves", "helps", "changes", "measures", "targets", "steadies",
]
ADJECTIVES = [
    "gentle", "steady", "regular", "careful", "targeted", "deeper", "lighter", "daily",
    "weekly", "chronic", "acute", "common", "simple", "clear", "safe", "slow",
]
TOPICS = (
    "knee pain after running", "stiff neck at the desk", "lower back pain when lifting",
    "shoulder pain when reaching", "hip stiffness in the morning", "ankle sprains",
    "tension headaches", "recovery after knee surgery", "arthritis in the hands",
    "plantar fasciitis", "tennis elbow", "sciatica", "posture at work", "balance after sixty",
    "muscle strains in sport", "frozen shoulder",
)
TAG_POOL = [
    "massage", "physical therapy", "myofascial release", "deep tissue massage",
    "trigger point therapy", "exercise", "posture", "sports injuries", "arthritis", "back pain",
    "neck pain", "recovery", "mobility", "seniors",
]


def project_settings(project=ROOT):
    """Read ARTICLE_CATEGORIES and AUTHORS_ALLOWED from the project's pelicanconf.py."""
    settings = runpy.run_path(str(Path(project) / "pelicanconf.py"))
    return settings["ARTICLE_CATEGORIES"], settings["AUTHORS_ALLOWED"]


def sentence(rng, words=None):
    """One plain sentence of roughly 10-18 words."""
    count = words or rng.randint(10, 18)
    parts = []
    for index in range(count):
        if index == 3:
            parts.append(rng.choice(VERBS))
        elif index % 4 == 1:
            parts.append(rng.choice(ADJECTIVES))
        else:
            parts.append(rng.choice(WORDS))
    text = " ".join(parts)
    return text[0].upper() + text[1:] + "."


def paragraph(rng, sentences=None):
    """A paragraph, wrapped at about 78 columns like the real articles."""
    text = " ".join(sentence(rng) for _ in range(sentences or rng.randint(3, 5)))
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > 78:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


def bullet_list(rng):
    """A list whose items start with a bold lead-in, as in the real articles."""
    items = []
    for _ in range(3):
        lead = " ".join(rng.choice(WORDS) for _ in range(2)).capitalize()
        items.append(f"- **{lead}**: {sentence(rng, 9)[:-1].lower()}.")
    return "\n".join(items)


def table(rng):
    """A three-column comparison table (Markdown extra's table syntax)."""
    rows = ["| Aspect | Physical therapy | Spa |", "| --- | --- | --- |"]
    for _ in range(4):
        rows.append(
            f"| {rng.choice(WORDS).capitalize()} | {sentence(rng, 6)} | {sentence(rng, 6)} |"
        )
    return "\n".join(rows)


def article_name(index):
    """File name of the generated article number index."""
    return f"article-{index:05d}.md"


def article_dates(index, today):
    """Date, Modified and Reviewed for an article: spread over the last four years,
    reviewed within the last 60 days (so a review-age check stays quiet)."""
    reviewed = today - dt.timedelta(days=index % 60)
    date = reviewed - dt.timedelta(days=30 + (index * 7) % 1400)
    modified = date + dt.timedelta(days=(index % 25) + 1)
    return date, modified, reviewed


def article_text(index, n, rng, categories, authors, today):
    """The Markdown source of generated article number index."""
    topic = TOPICS[index % len(TOPICS)]
    title = f"{topic.capitalize()}: what helps, part {index + 1}"
    date, modified, reviewed = article_dates(index, today)
    tags = ", ".join(sorted(rng.sample(TAG_POOL, 4)))
    others = sorted({(index + step) % n for step in (1, 7, 31)} - {index}) if n > 1 else []
    image = index % IMAGES
    meta = [
        f"Title: {title}",
        f"Date: {date:%Y-%m-%d} 09:00",
        f"Modified: {modified:%Y-%m-%d} 09:00",
        f"Category: {categories[index % len(categories)]}",
        f"Tags: {tags}",
        f"Slug: bench-{index:05d}",
        f"Author: {authors[index % len(authors)]}",
        f"Summary: {sentence(rng, 20)} {sentence(rng, 14)}",
        f"Reviewer: {REVIEWER}",
        f"Reviewed: {reviewed:%Y-%m-%d}",
    ]
    body = [paragraph(rng, 4)]
    for section in range(7):
        body.append(f"## {sentence(rng, 5)[:-1]}")
        for sub in range(2):
            body.append(f"### {sentence(rng, 4)[:-1]}")
            body.append(paragraph(rng))
            if sub == 0:
                body.append(bullet_list(rng))
        if section == 1:
            body.append(table(rng))
        if section == 2:
            body.append(
                f"![A therapist working on a patient's {rng.choice(WORDS)}]"
                f"({{static}}/images/{SUBDIR}/figure-{image}.png)"
            )
        if section == 3 and others:
            links = ", ".join(
                f"[{TOPICS[other % len(TOPICS)]}]({{filename}}/articles/{SUBDIR}/"
                f"{article_name(other)})"
                for other in others
            )
            body.append(f"Related reading: {links}.")
    # Signed off as `invoke reviewed` would: the fingerprint of the text reviewed.
    summary = meta[7].removeprefix("Summary: ")
    meta.append(f"Reviewed_text: {words_fingerprint(title, summary, chr(10).join(body))}")
    return "\n".join(meta) + "\n\n" + "\n\n".join(body) + "\n"


def page_text(index, rng):
    """A plain page (no special template) of a few paragraphs."""
    meta = [
        f"Title: Clinic information {index + 1}",
        f"Slug: {SUBDIR}-page-{index + 1}",
        f"Summary: {sentence(rng, 16)}",
    ]
    body = [paragraph(rng) for _ in range(5)]
    return "\n".join(meta) + "\n\n" + "\n\n".join(body) + "\n"


def png(width, height, rgb):
    """A small valid PNG of one colour (no image library needed)."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    row = b"\x00" + bytes(rgb) * width
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(row * height, 9))
        + chunk(b"IEND", b"")
    )


def generate(content, n, seed=8, today=None, project=ROOT):
    """Write n articles, a few pages and images under content/*/bench/; return the paths."""
    content = Path(content)
    today = today or dt.date.today()
    categories, authors = project_settings(project)
    rng = random.Random(seed)
    written = []
    folders = {kind: content / kind / SUBDIR for kind in ("articles", "pages", "images")}
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    for index in range(IMAGES):
        path = folders["images"] / f"figure-{index}.png"
        path.write_bytes(png(64, 48, (60 + 20 * index, 120, 160)))
        written.append(path)
    for index in range(n):
        path = folders["articles"] / article_name(index)
        path.write_text(article_text(index, n, rng, categories, authors, today), "utf-8")
        written.append(path)
    for index in range(PAGES):
        path = folders["pages"] / f"page-{index + 1}.md"
        path.write_text(page_text(index, rng), "utf-8")
        written.append(path)
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("content", type=Path, help="content folder to write into")
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=None,
        help="date the review dates count back from (default: today)",
    )
    args = parser.parse_args(argv)
    written = generate(args.content, args.articles, args.seed, args.today)
    print(f"generate: wrote {len(written)} files under {args.content}")


if __name__ == "__main__":
    main()
