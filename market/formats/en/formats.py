"""English dates as the Centre writes them in Baku: day before month, 24-hour
time ("4 December 2026", "4 Dec 2026, 14:05"), not Django's US defaults
("Dec. 4, 2026, 2:05 p.m."). Read through FORMAT_MODULE_PATH; the formats
not given here (input formats, number separators) are Django's English."""

DATE_FORMAT = "j F Y"  # 4 December 2026
TIME_FORMAT = "H:i"  # 14:05
DATETIME_FORMAT = "j M Y, H:i"  # 4 Dec 2026, 14:05
YEAR_MONTH_FORMAT = "F Y"  # December 2026
MONTH_DAY_FORMAT = "j F"  # 4 December
SHORT_DATE_FORMAT = "d/m/Y"  # 04/12/2026
SHORT_DATETIME_FORMAT = "d/m/Y H:i"  # 04/12/2026 14:05
FIRST_DAY_OF_WEEK = 1  # Monday
# Typed dates are read day-first too (ISO dates are always accepted).
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%y %H:%M:%S",
    "%d/%m/%y %H:%M",
]
