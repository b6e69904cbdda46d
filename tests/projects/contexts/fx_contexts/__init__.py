"""Fixture: global and named contexts, affects in every form, invalidation scoping."""
