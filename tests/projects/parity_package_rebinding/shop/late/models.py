from typing import Literal

things = Literal["late-a", "late-b"]
