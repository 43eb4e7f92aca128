from .search import *  # noqa: F403
