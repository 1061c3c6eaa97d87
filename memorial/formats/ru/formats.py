# 20 января 1990 (genitive after a day), январь 1990 (nominative on its own),
# without Django's "г.", which the memorial's headings and timelines do not use.
DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j E"
