from .compressed_copies import *  # noqa: F403
