from .quick_rebuild import *  # noqa: F403
