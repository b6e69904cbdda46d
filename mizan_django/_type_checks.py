"""System check ``mizan.E008``: every annotation a served function needs
resolves at run time.

An annotation the runtime cannot resolve (a name imported only under
``if TYPE_CHECKING:`` from a module that cannot be imported, a typo in a
string annotation) would leave the function without argument validation or
result serialisation; instead the function is refused when called, and this
check stops ``runserver`` and ``manage.py check``, naming the function and
the annotation.
"""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error, register

from mizan_core.registry import default_registry
from mizan_django._hints import function_hints, unresolved_message

__all__ = ["check_annotations"]


@register()
def check_annotations(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    found: list[CheckMessage] = []
    for name, fn in default_registry.items():
        for what, (text, why) in function_hints(fn.func).unresolved.items():
            found.append(Error(
                unresolved_message(name, fn.func.__qualname__, what, text, why),
                hint="Import the name where Python can see it when the function is served "
                     "(at module level, or under `if TYPE_CHECKING:` from a module that "
                     "imports), or correct the annotation.",
                obj=fn.qualified_name, id="mizan.E008"))
    return found
