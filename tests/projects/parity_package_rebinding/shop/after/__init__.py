from .models import things
from .things import helper
