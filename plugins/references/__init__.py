from .references import *  # noqa: F403
