"""Fixture: mizanFormMixin forms and ReactChannel channels."""
