from typing import Literal

kind = Literal["new", "used"]
