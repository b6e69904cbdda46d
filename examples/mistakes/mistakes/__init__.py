"""Deliberate mistakes for ``mizan check examples/mistakes``: one per diagnostic code shown.

A source root of its own, apart from the demo shop, so that the shop's static
IR (``mizan ir examples/shop``) stays identical to its runtime IR and
``mizan generate`` can read the shop from source. Nothing imports this package.
"""
