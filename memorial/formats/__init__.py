"""Date and number formats per language, where the memorial writes them differently from Django.

Selected by FORMAT_MODULE_PATH; anything not set here is Django's own.
"""
