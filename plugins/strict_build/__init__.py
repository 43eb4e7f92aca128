from .strict_build import *  # noqa: F403
