from mizan.client import client
from mizan.setup.registry import register


@client
def legacy_registry_path(request) -> int:
    return 1


register(legacy_registry_path, "legacy_registry_path")
