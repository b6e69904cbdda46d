from .things import helper
from .models import things
