from mizan_django.client import client
from mizan_django.setup.registry import register


@client
def registry_path_fn(request) -> int:
    return 1


register(registry_path_fn, "registry_path_fn")
