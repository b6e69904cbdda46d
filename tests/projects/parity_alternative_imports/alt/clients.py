import sys

from mizan_django import client, register

try:
    from .current import Item
except ImportError:  # never taken here: the body's Item is the one served
    from .legacy import Item

    def parse(request) -> Item:
        raise NotImplementedError

if sys.version_info >= (3, 8):
    from .current import Price
elif sys.version_info >= (3, 6):
    from .legacy import Price
else:
    Price = dict


@client
def item(request, price: Price) -> Item:
    raise NotImplementedError


register(item, "item")
