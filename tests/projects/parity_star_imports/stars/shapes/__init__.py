from .flat import *  # noqa: F403  (no __all__ here: re-exports flat's public names)
