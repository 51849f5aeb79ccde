"""Cells that a spreadsheet program could take for a formula (OWASP "CSV injection").

Every CSV or XLSX cell we write goes through :func:`neutralise`; imports refuse such values
with :func:`looks_like_formula`, so a name like ``=1+2`` never enters the catalogue.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def neutralise(value: object) -> object:
    """Formula-like text gets a leading apostrophe, which spreadsheets show as plain text."""
    if looks_like_formula(value):
        return "'" + str(value)
    return value
