"""Signals of the catalogue for parts that must not know each other."""

from django.dispatch import Signal

# Stock changed without a model save (a conditional UPDATE that holds or
# releases stock): sent with `product_ids`. Search re-indexes availability.
stock_changed = Signal()
