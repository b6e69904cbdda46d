from pydantic import BaseModel

__all__ = ["Square"]


class Square(BaseModel):
    side: int
