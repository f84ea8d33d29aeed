"""Centre staff's Kreativ Edu screens inside the Wagtail admin (/cms/). Each
module registers its own hooks when imported; `wagtail_hooks.py` imports
them."""
