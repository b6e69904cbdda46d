from pydantic import BaseModel


class Shape(BaseModel):
    sides: int


class Point(BaseModel):
    x: float
