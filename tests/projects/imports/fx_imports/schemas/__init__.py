from .inner import Thing as Thing
from .shapes import *  # noqa: F403
