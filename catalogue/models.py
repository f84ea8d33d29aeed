# Custom catalogue models go above this import (Oscar's fork_app pattern).
from oscar.apps.catalogue.models import *
