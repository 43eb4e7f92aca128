from .host_files import *  # noqa: F403
