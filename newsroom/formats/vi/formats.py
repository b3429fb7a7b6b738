"""The newsroom's Vietnamese formats, before Django's own (settings.FORMAT_MODULE_PATH).

Dates are typed and shown day first, 02-12-2026, and times on a 24-hour clock, 06:00:
the first input format is also what the admin's date boxes and calendar write.
Django's vi formats give no input formats (so ISO 2026-12-02 was asked for) and
spell out "Ngày 02 tháng 12 năm 2026" where the admin shows a date or time; every
other format is still Django's.
"""

DATE_FORMAT = "d-m-Y"
DATETIME_FORMAT = "d-m-Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
DATE_INPUT_FORMATS = ["%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]
DATETIME_INPUT_FORMATS = [
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
]
