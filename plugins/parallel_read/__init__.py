from .parallel_read import *  # noqa: F403
