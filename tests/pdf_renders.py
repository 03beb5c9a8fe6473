"""Each distinct report or brief PDF rendered once per test session (tests/conftest.py).

A PDF costs ~1.2 s of WeasyPrint layout, and many tests ask for the same one: the report of
53/45-POL as of 2018-11-29 in English, French and Arabic is read by test_i18n_files,
test_i18n_bidi, test_report_form, test_report_links, test_i18n_dates… each from the same
seeded data. exports.formats.html_to_pdf is the one place the app turns HTML into a PDF; it
fetches nothing (every URL is refused), and WeasyPrint makes the same bytes from the same HTML
(checked: two renders of the Arabic report compare equal), so the PDF is a function of the HTML
string alone. The session keeps the bytes it made for each HTML and gives them back when the
same HTML comes again.

The key is the whole HTML, so anything a test changes (data, language, date, links, today)
renders afresh, except the minute of the "Generated 8 Dec 2026 01:50 UTC" line, masked in the
key: a report asked for two minutes later is the same report, and no test reads that minute
(they read that the line is there). Everything else the view does (the query, the roll-up, the
HTML, the headers, the report cache) still runs on every request.
"""

import hashlib
import re
import threading
from collections import OrderedDict

from django.utils import timezone

# Distinct PDFs kept (~100-300 KB each); the least recently used goes first.
KEPT = 48

_lock = threading.Lock()
_kept: OrderedDict[str, bytes] = OrderedDict()
stats = {"rendered": 0, "reused": 0}


def _key(html: str) -> str:
    # generated_text (exports/report/languages.py): "<day> HH:MM <zone>"; the day stays.
    zone = re.escape(timezone.localtime().strftime("%Z"))
    masked = re.sub(rf"\b\d{{2}}:\d{{2}} {zone}\b", "HH:MM", html)
    return hashlib.sha256(masked.encode()).hexdigest()


def once_per_html(render):
    """`render` (html -> PDF bytes), rendering each HTML once per session."""

    def html_to_pdf(html: str) -> bytes:
        key = _key(html)
        with _lock:
            if key in _kept:
                _kept.move_to_end(key)
                stats["reused"] += 1
                return _kept[key]
        pdf = render(html)
        with _lock:
            stats["rendered"] += 1
            _kept[key] = pdf
            while len(_kept) > KEPT:
                _kept.popitem(last=False)
        return pdf

    return html_to_pdf
