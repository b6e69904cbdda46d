from .kind import kind
from .shape import Shape as shape
