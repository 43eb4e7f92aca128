"""What every plugin's message to a writer shares: how a source file is named.

Not a plugin: a helper the clinic's plugins import (``pelicanconf.py`` puts the
project folder on ``sys.path`` so ``plugins.writer_messages`` imports the same
way in a build and in the tests).
"""

import os


def display_path(path):
    """Name a file relative to the working folder when it is below it, else in full.

    ``content/articles/x.md`` reads better than an absolute path, and a file
    elsewhere (a temp folder) is clearer in full than as ``../../tmp/...``.
    """
    path = os.path.abspath(path)
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative
