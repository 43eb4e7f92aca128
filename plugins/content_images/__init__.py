from .content_images import *  # noqa: F403
