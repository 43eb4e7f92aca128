from .inline_prescreen import *  # noqa: F403
