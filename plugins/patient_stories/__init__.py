from .patient_stories import *  # noqa: F403
