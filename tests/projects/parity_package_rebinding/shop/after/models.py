from typing import Literal

things = Literal["after-a", "after-b"]
