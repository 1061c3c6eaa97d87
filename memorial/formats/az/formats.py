# 20 yanvar 1990; yanvar 1990. Month names come in lower case from the project's
# catalogue (see memorial.core.dates.MONTH_NAMES).
DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j E"
# Grouped digits are joined by a no-break space, so "26 000" never splits at a line end.
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
DECIMAL_SEPARATOR = ","
