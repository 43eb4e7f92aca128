from .disclaimer import *  # noqa: F403
