"""Russian dates: Django's formats, with the month of a day in the genitive
("4 декабря", where Django gives "4 Декабрь")."""

MONTH_DAY_FORMAT = "j E"  # 4 декабря
