"""Spreadsheet safety for CSV and XLSX cells (OWASP "CSV injection").

A spreadsheet treats a cell that starts with =, +, -, @ (or a tab or carriage return that hides
one) as a formula, so a status-update note such as ``=HYPERLINK("http://evil", "click")`` would
run when a diplomat opens the export. Every text cell goes through ``safe_cell``, which prefixes
such values with a single quote: the text stays readable and is never evaluated. Numbers are
written as numbers and are left alone (a negative number is not text).

Look-alike characters count too: a spreadsheet may fold the full-width equals sign (U+FF1D
"＝"), the small one (U+FE66 "﹦") and the full-width plus, minus and at signs into their ASCII
forms, so the first character is checked after Unicode NFKC normalisation. The cell keeps its
original text; only the quote is added.
"""

import re
import unicodedata
from datetime import date

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# Control characters that XLSX (XML 1.0) cannot hold; openpyxl raises on them.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def safe_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | date):
        return value
    text = str(value)
    if unicodedata.normalize("NFKC", text[:4]).startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def safe_xlsx_cell(value):
    # A workbook keeps true/false as spreadsheet booleans, which Excel shows in its reader's
    # language (VRAI/FAUX); a boolean is never a formula.
    if isinstance(value, bool):
        return value
    value = safe_cell(value)
    if isinstance(value, str):
        return _ILLEGAL_XML.sub("", value)
    return value
