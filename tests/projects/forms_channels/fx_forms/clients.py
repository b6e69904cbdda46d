"""Importing the modules registers their forms and channels."""

from fx_forms import channels, forms  # noqa: F401
