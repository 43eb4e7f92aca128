from .draft_banner import *  # noqa: F403
