"""Plain language: each patient-facing page's reading grade, longest sentences and jargon.

Health sites aim for a reading grade of 8 or below. When an article or page
is read (signal ``content_object_init``; ``PLUGINS`` lists this plugin after
``clinic.references``, which takes the sources out, and before
``clinic.disclaimer``, which appends the clinic's legal text), the writer's own
text is measured: its paragraphs, list items, headings and table cells, each
at least one sentence. The figures are handed over as ``content.plain_language``
(a :class:`Readability`) and, as problems of severity ``notice`` (advice: listed,
never a failure), the plugin notes:

- ``reading-grade``: the Flesch-Kincaid grade (``textstat`` 0.7.8, syllables
  from ``pyphen``; nothing is downloaded) is above the target, with the page's
  longest sentences and their lines;
- ``plain-words``: a word of the jargon list, at its line, with the plain
  word to use instead (in every build: it costs nothing).

As the output step ``checks.plain_language`` (production pipeline: ``invoke
check``, ``invoke publish``) it prints every measured page's figures, and
appends them in Markdown to ``REPORT_MARKDOWN`` when that is set (a pull
request's job summary).

Patient-facing: published and draft articles and pages, except the notice
pages (``NOTICE_LINKS``: counsel's legal text), the slugs of ``skip`` and texts
shorter than ``min_words`` (a grade of a few lines means little).

Settings: ``PLAIN_LANGUAGE`` (each key optional): ``grade`` (default ``True``;
pelicanconf.py turns it off while writing: textstat's pronouncing dictionary
takes about 2 s to load, once per build process, and livereload builds in a new
process per edit; publishconf.py turns it on), ``target_grade`` (default
``8``), ``min_words`` (default ``100``), ``longest_sentences`` (default ``3``:
how many the notice names), ``skip`` (default ``[]``: more slugs to leave out).
``PLAIN_WORDS`` (default :data:`PLAIN_WORDS_DEFAULT`): jargon -> plain words;
a term matches as a whole word, any case, plural too.
"""

from dataclasses import dataclass
import re
import sys

from pelican import signals
from pelican.contents import Article, Page

from plugins.common.contents import contents, is_draft
from plugins.common.problems import find_line, markdown_cell, note

PLAIN_LANGUAGE_DEFAULTS = {"grade": True, "target_grade": 8, "min_words": 100,
                           "longest_sentences": 3, "skip": []}
# Physical therapists' words and what a patient would say. A clinic adds or replaces
# entries with the PLAIN_WORDS setting.
PLAIN_WORDS_DEFAULT = {
    "ambulate": "walk",
    "ambulation": "walking",
    "ambulatory": "able to walk",
    "bilateral": "on both sides",
    "unilateral": "on one side",
    "edema": "swelling",
    "palpate": "feel with the hands",
    "palpation": "feeling with the hands",
    "proprioception": "sense of where your body is",
    "gait": "the way you walk",
    "adhesion": "tissue stuck together",
    "atrophy": "muscle loss",
    "utilize": "use",
    "musculoskeletal": "of the muscles, bones and joints",
    "contraindicated": "not safe for you",
    "contraindication": "reason not to",
    "exacerbate": "make worse",
    "exacerbation": "flare-up",
    "prognosis": "what to expect",
    "etiology": "cause",
    "idiopathic": "with no known cause",
    "comorbidity": "other health problem",
    "analgesic": "pain reliever",
    "supine": "lying on your back",
    "flexion": "bending",
    "lumbar": "lower back",
    "cervical": "neck",
    "activities of daily living": "everyday tasks",
}

# The writer's text comes in these blocks; one inside another (a paragraph in a list
# item) is measured once, as the inner one.
BLOCKS = "p, li, h1, h2, h3, h4, h5, h6, td, th, dt, dd, figcaption"
CONTAINERS = frozenset({"li", "td", "th", "dd", "dt", "figcaption"})
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+")
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")
ENDS_A_SENTENCE = re.compile(r"[.!?:;][\"'”’)\]]*$")


@dataclass(frozen=True)
class Readability:
    """The figures of one page's text."""

    grade: float  # Flesch-Kincaid grade level
    words: int
    sentences: int
    longest: tuple  # ((words, sentence), ...), longest first

    @property
    def words_per_sentence(self):
        return self.words / self.sentences if self.sentences else 0.0


def settings_of(settings):
    merged = dict(PLAIN_LANGUAGE_DEFAULTS)
    merged.update(settings.get("PLAIN_LANGUAGE") or {})
    return merged


def text_blocks(html):
    """The plain text of each innermost block of an HTML fragment, code left out."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(f"<body>{html}</body>")
    for code in tree.css("pre, code, script, style"):
        code.decompose()
    blocks = []
    for node in tree.css(BLOCKS):
        # A paragraph or heading holds no block; a list item or cell may (measured instead).
        if node.tag in CONTAINERS and len(node.css(BLOCKS)) > 1:  # itself, and one inside
            continue
        text = " ".join((node.text() or "").split())
        if WORD.search(text):
            blocks.append(text)
    return blocks


def sentences_of(blocks):
    """Every sentence: each block ends one (a heading or list item without a full stop)."""
    found = []
    for block in blocks:
        found += [part.strip() for part in SENTENCE_END.split(block) if WORD.search(part)]
    return found


def measure(sentences, longest=3, min_words=1):
    """The Readability of the writer's sentences (None below min_words)."""
    counted = sorted(((len(WORD.findall(s)), s) for s in sentences), key=lambda p: -p[0])
    words = sum(count for count, _ in counted)
    if words < max(min_words, 1):
        return None
    import textstat  # its dictionary loads on first use: only for a text worth grading

    text = " ".join(s if ENDS_A_SENTENCE.search(s) else f"{s}." for s in sentences)
    grade = round(textstat.flesch_kincaid_grade(text), 1)
    return Readability(grade, words, len(sentences), tuple(counted[:longest]))


def jargon_pattern(term):
    """A term as a whole word or phrase, any case, plural too."""
    return re.compile(rf"\b{term_pattern(term)}(?:s|es)?\b", re.IGNORECASE)


def term_pattern(term):
    return r"\s+".join(re.escape(word) for word in term.split())


def jargon_in(sentences, plain_words):
    """(term as written, plain words) of each jargon term the sentences use, once each,
    in the order of the word list."""
    if not plain_words:
        return []
    terms = {" ".join(term.lower().split()): plain for term, plain in plain_words.items()}
    every = re.compile(r"\b(" + "|".join(term_pattern(t) for t in terms) + r")(?:s|es)?\b",
                       re.IGNORECASE)
    found = {}
    for match in every.finditer("\n".join(sentences)):  # one pass over the text
        key = " ".join(match.group(1).lower().split())
        found.setdefault(key, (match.group(0), terms[key]))
    return [found[term] for term in terms if term in found]


def sentence_line(path, sentence):
    """The source line where a sentence starts (its first words, Markdown between them)."""
    words = WORD.findall(sentence)
    for count in (5, 3):  # a sentence may run over a line break after its first words
        if len(words) >= count:
            between = r"[^A-Za-z0-9]+(?:\S*?[^A-Za-z0-9]+)??"
            line = find_line(path, re.compile(between.join(map(re.escape, words[:count]))))
            if line:
                return line
    return None


def where(line):
    return f"line {line}, " if line else ""


def shorten(text, limit=90):
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def is_patient_facing(content, config):
    skipped = {slug for slug, _ in content.settings.get("NOTICE_LINKS") or []}
    skipped |= set(config.get("skip") or [])
    return content.slug not in skipped


def measure_content(content):
    if not isinstance(content, (Article, Page)) or not content._content:
        return
    config = settings_of(content.settings)
    content.plain_language = None
    if not is_patient_facing(content, config):
        return
    sentences = sentences_of(text_blocks(content._content))
    check_plain_words(content, sentences)
    if not config["grade"]:
        return
    figures = measure(sentences, int(config["longest_sentences"]), int(config["min_words"]))
    if figures is None:
        return
    content.plain_language = figures
    path = content.source_path
    target = float(config["target_grade"])
    if figures.grade > target:
        named = "; ".join(
            f"{where(sentence_line(path, sentence))}{count} words: \"{shorten(sentence)}\""
            for count, sentence in figures.longest)
        note(content, "reading-grade", f"reading grade {figures.grade:.1f}, above the target"
             f" of {target:g} ({figures.words} words, {figures.words_per_sentence:.0f} per"
             f" sentence); the longest sentences: {named}", "split long sentences and use"
             " shorter, everyday words", key="title")


def check_plain_words(content, sentences):
    plain_words = content.settings.get("PLAIN_WORDS")
    if plain_words is None:
        plain_words = PLAIN_WORDS_DEFAULT
    for written, plain in jargon_in(sentences, plain_words):
        note(content, "plain-words", f"{written!r} is a clinician's word", f"write"
             f" {plain!r}, or explain it the first time", needle=jargon_pattern(written))


# --- The output step: the figures of every page ----------------------------------


def measured(build):
    """(source path, title, Readability) of every measured page, by source path."""
    from plugins.common.problems import display_path

    rows = []
    for content in contents(build.generators):
        figures = getattr(content, "plain_language", None)
        if figures is not None and not is_draft(content):
            rows.append((display_path(content.source_path), content.title, figures))
    return sorted(rows, key=lambda row: row[0])


def figures_table(rows, target):
    lines = [f"Reading grade (Flesch-Kincaid; target {target:g} or below) of"
             f" {len(rows)} patient-facing pages:"]
    width = max((len(path) for path, _, _ in rows), default=10)
    for path, _, figures in rows:
        mark = "  above target" if figures.grade > target else ""
        lines.append(f"  {figures.grade:5.1f}  {path:<{width}}  {figures.words:5d} words,"
                     f" {figures.words_per_sentence:4.1f} per sentence, longest"
                     f" {figures.longest[0][0] if figures.longest else 0}{mark}")
    return "\n".join(lines)


def figures_markdown(rows, target):
    lines = ["## Plain language", "",
             f"Reading grade (Flesch-Kincaid) of each patient-facing page; the target is"
             f" {target:g} or below.", "",
             "| grade | page | words | words per sentence | longest sentence |",
             "| ---: | --- | ---: | ---: | ---: |"]
    for path, title, figures in rows:
        grade = f"**{figures.grade:.1f}**" if figures.grade > target else f"{figures.grade:.1f}"
        longest = figures.longest[0][0] if figures.longest else 0
        lines.append(f"| {grade} | {markdown_cell(title)} (`{markdown_cell(path)}`) |"
                     f" {figures.words} | {figures.words_per_sentence:.1f} | {longest} |")
    return "\n".join(lines) + "\n"


def run(build):
    """Print every measured page's figures (and append them to REPORT_MARKDOWN)."""
    rows = measured(build)
    if not rows:
        return
    target = float(settings_of(build.settings)["target_grade"])
    print(figures_table(rows, target), file=sys.stderr, flush=True)
    path = build.settings.get("REPORT_MARKDOWN")
    if path:
        with open(path, "a", encoding="utf-8") as summary:
            summary.write(figures_markdown(rows, target) + "\n")


def register():
    signals.content_object_init.connect(measure_content)
