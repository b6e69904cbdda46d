"""Fixture: star imports bind in order (the last one wins) and export what `__all__` lists."""
