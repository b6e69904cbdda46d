from typing import Literal

things = Literal["kept-a", "kept-b"]
