from .cross_links import *  # noqa: F403
