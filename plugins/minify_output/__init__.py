from .minify_output import *  # noqa: F403
