from .asset_hashing import *  # noqa: F403
