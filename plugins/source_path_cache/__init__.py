from .source_path_cache import *  # noqa: F403
