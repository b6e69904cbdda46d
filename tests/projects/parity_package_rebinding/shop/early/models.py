from typing import Literal

things = Literal["early-a", "early-b"]
