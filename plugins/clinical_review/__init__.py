from .clinical_review import *  # noqa: F403
