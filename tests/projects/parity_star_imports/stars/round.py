from pydantic import BaseModel

from .polar import Point

__all__ = ["Shape"]  # Point is imported here, but not exported


class Shape(BaseModel):
    radius: float
