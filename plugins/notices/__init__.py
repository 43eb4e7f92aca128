from .notices import *  # noqa: F403
