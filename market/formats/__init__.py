"""Date formats per language (FORMAT_MODULE_PATH): market/formats/<code>/formats.py.

The months below are Django's own strings, repeated so that makemessages
keeps them in our catalogues: in Azerbaijani a month inside a date is lower
case ("4 dekabr 2026"), where Django's catalogue capitalises it.
"""

from django.utils.translation import pgettext_lazy

MONTHS_IN_A_DATE = [
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]
