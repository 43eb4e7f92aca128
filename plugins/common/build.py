"""The state of one build, kept with that build's settings.

Pelican hands its plugins the settings dict (generators, contents and the
``Pelican`` object all share the same one), so a build's state lives there,
under ``BUILD_STATE``, created on first use: every build starts with fresh
state, and nothing is left in module globals from one build to the next.

Contents and the shared context are pickled into Pelican's content cache
with a reference to the settings; :class:`Build` pickles as an empty husk,
so no state of one build is ever read back by another.
"""

from pathlib import Path

from plugins.common.problems import Report

KEY = "BUILD_STATE"


class Build:
    """What one build knows while it runs."""

    def __init__(self, settings):
        self.settings = settings
        self.report = Report(settings)
        self.generators = []  # all generators, once every content is read
        self.context = {}  # the shared template context, from then on
        self.hashed_assets = []  # output paths renamed with a content hash
        self.path_headers = {}  # folder ("/admin/") -> headers a step sets for it
        self.waiting = []  # work started in the background by an output step
        self.plugin_state = {}  # name -> what a plugin keeps between its signals

    @property
    def output(self):
        return Path(self.settings["OUTPUT_PATH"]).resolve()

    def state(self, name, make):
        """The named state of a plugin for this build, made by make() on first use."""
        if name not in self.plugin_state:
            self.plugin_state[name] = make()
        return self.plugin_state[name]

    def finish_background(self):
        """Wait for every piece of work an output step started in the background."""
        while self.waiting:
            self.waiting.pop(0)()

    def __getstate__(self):
        return {}

    def __setstate__(self, _state):
        self.__init__({})


def build_of(settings):
    """The state of the build these settings belong to (made on first use)."""
    build = settings.get(KEY)
    if not isinstance(build, Build):
        build = settings[KEY] = Build(settings)
    elif build.settings is not settings and not build.settings:
        # The settings of a content from Pelican's cache: a copy, not the build's own.
        raise RuntimeError("build_of() was given a cached content's settings; use the"
                           " generator's (or the Pelican object's) settings")
    return build
