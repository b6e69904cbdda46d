"""Fixture: star imports bind in order (the last one wins, over an earlier
import too) and export what `__all__` lists."""
