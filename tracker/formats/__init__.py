"""The admin's and Django's date formats for Arabic and French (settings.FORMAT_MODULE_PATH).

Django's own Arabic formats define no DATETIME_FORMAT, so the admin fell back to the English
"N j, Y, P" with Arabic words in it ("ديسمبر 7, 2026, 8:29 م"). These write the day first, as
CLDR does, with a 24-hour time as the History pages write it: "7 ديسمبر 2026، الساعة 20:29",
"7 décembre 2026 à 20:29". Everything not set here (separators, input formats) stays Django's.
The public pages, PDFs and workbooks write dates through CLDR instead (resolutions/dates.py).
"""
