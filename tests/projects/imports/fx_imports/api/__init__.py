"""A project package that re-exports Mizan's API under its own names."""

from mizan_django import client as rpc
from mizan_django import register as expose

__all__ = ["expose", "rpc"]
