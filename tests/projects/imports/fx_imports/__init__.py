"""Fixture: every way to import client/register (and models) that the extractor follows."""
