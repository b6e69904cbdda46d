"""Fixture: every annotation form the extractor resolves."""
