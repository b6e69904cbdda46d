from datetime import timedelta

from pydantic import BaseModel


class Conf(BaseModel):
    retention: timedelta
    limit: int = 10
