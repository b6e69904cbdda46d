from typing import Literal, TypeAlias


class Opaque:
    pass


Step: TypeAlias = Literal[2, "a", 1.5]
Steps = list[Literal[0.5]]
Thing = Opaque
