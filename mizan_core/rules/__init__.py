"""Diagnostics: the catalogue of codes and the checks that produce them."""

from .catalogue import CATALOGUE, Rule, Severity, rule
from .diagnostic import Diagnostic

__all__ = ["CATALOGUE", "Diagnostic", "Rule", "Severity", "rule"]
