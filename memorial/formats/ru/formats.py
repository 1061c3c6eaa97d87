# 20 января 1990 (genitive after a day), январь 1990 (nominative on its own),
# without Django's "г.", which the memorial's headings and timelines do not use.
DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j E"
# Grouped digits are joined by a no-break space, so "26 000" never splits at a line end.
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
DECIMAL_SEPARATOR = ","
