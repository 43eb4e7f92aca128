"""Write a brotli (.br) and a gzip (.gz) copy beside every text file of the site.

Hosts that serve precompressed files send the copy a browser asks for instead
of compressing each response. The last output step (``output.compressed_copies``
in ``OUTPUT_PIPELINE``, after the report), so the copies are of the final
files and a build whose checks failed is never compressed.

Why not pelican-precompress: it always uses brotli quality 11, which at 1,000
articles costs about 36 CPU seconds (four times bare Pelican's whole build)
for copies about 10% smaller than quality 5 (bench/README.md has the figures).
The quality is a setting here.

Settings:
``PRECOMPRESS_BROTLI`` (default ``True``), ``PRECOMPRESS_GZIP`` (default ``True``): the copies made.
``PRECOMPRESS_BROTLI_QUALITY`` (default ``5``, 0-11): higher is smaller and slower; 10 and 11
are many times slower than 9.
``PRECOMPRESS_GZIP_LEVEL`` (default ``9``, 1-9).
``PRECOMPRESS_MIN_SIZE`` (default ``0``): files smaller than this many bytes get no copies.
``PRECOMPRESS_TEXT_EXTENSIONS``: the files compressed (default: pelican-precompress's list,
``.atom .css .htm .html .ini .js .json .py .rss .txt .xml .xsl``).

A copy that would not be smaller than its file is not written.
"""

import functools
import os
from pathlib import Path
import zlib

import brotli

from plugins.output.work_pool import map_in_processes

DEFAULT_TEXT_EXTENSIONS = {".atom", ".css", ".htm", ".html", ".ini", ".js", ".json", ".py",
                           ".rss", ".txt", ".xml", ".xsl"}


def gzip_bytes(data, level):
    """Gzip data (RFC 1952, no file name or time in the header: the same bytes every build)."""
    compressor = zlib.compressobj(level=level, wbits=16 + zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


def compress_file(path, formats):
    """Write the compressed copies of one file; return how many were written."""
    data = Path(path).read_bytes()
    written = 0
    for extension, name, level in formats:
        if name == "brotli":
            blob = brotli.compress(data, mode=brotli.MODE_TEXT, quality=level)
        else:
            blob = gzip_bytes(data, level)
        copy = Path(path + extension)
        if len(blob) < len(data):
            copy.write_bytes(blob)
            written += 1
        elif copy.exists():  # left from an earlier build in place: it would be stale
            copy.unlink()
    return written


def files_to_compress(output, extensions, min_size):
    """Every text file of the output, as strings, in a stable order."""
    found = []
    for folder, _dirs, files in os.walk(output):
        for name in files:
            if os.path.splitext(name)[1] in extensions:
                path = os.path.join(folder, name)
                if not min_size or os.path.getsize(path) >= min_size:
                    found.append(path)
    return sorted(found)


READS_WHOLE_OUTPUT = True


def run(build):
    """Compress every text file of the written site."""
    settings = build.settings
    formats = []
    if settings.get("PRECOMPRESS_BROTLI", True):
        formats.append((".br", "brotli", int(settings.get("PRECOMPRESS_BROTLI_QUALITY", 5))))
    if settings.get("PRECOMPRESS_GZIP", True):
        formats.append((".gz", "gzip", int(settings.get("PRECOMPRESS_GZIP_LEVEL", 9))))
    if not formats:
        return
    extensions = set(settings.get("PRECOMPRESS_TEXT_EXTENSIONS", DEFAULT_TEXT_EXTENSIONS))
    paths = files_to_compress(build.output, extensions,
                              settings.get("PRECOMPRESS_MIN_SIZE", 0))
    map_in_processes(functools.partial(compress_file, formats=formats), paths)

