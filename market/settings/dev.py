"""Development: the embedded defaults, debug on."""

from .base import *

DEBUG = env.bool("DJANGO_DEBUG", default=True)
