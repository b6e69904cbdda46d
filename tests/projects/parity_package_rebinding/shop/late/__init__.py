from .models import things
