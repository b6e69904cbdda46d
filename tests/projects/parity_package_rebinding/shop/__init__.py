"""Fixture: package `__init__` files binding a name equal to one of their
own submodules from elsewhere (`from .models import things` beside
`things.py`). The name is the package's object unless the submodule is
imported after that binding ran: by the clients module (`late`), by the
package itself after the binding (`after`); not when nothing imports it
(`kept`) or the package imports it before the binding (`early`)."""
