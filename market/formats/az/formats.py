"""Azerbaijani dates: Django's formats, with the month of a day in the form
that follows a number ("4 dekabr", Django's "4 Dekabr"). Month names are
lower case inside a date (our catalogue's "alt. month" strings)."""

MONTH_DAY_FORMAT = "j E"  # 4 dekabr
