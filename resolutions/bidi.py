"""Mixed-direction text done with markup, never with control characters.

A symbol ("53/45-POL", "A/RES/65/283"), a job number ("19-01473") or an English title inside
Arabic text, or Arabic inside English, must keep its own reading order. That is done here with
HTML alone: ``<bdi dir="ltr">`` for a symbol and ``<bdi dir="…">`` for a run in another
language. Browsers isolate both (``unicode-bidi: isolate``); WeasyPrint, which renders the PDFs,
honours an explicit ``dir`` on an inline element but not ``dir="auto"``, so the direction is
always written out, decided from the first strong character as ``dir="auto"`` would.

No U+2066–U+2069 (isolates) or U+200E/U+200F (marks) is ever written into the text: they would
travel with every copied symbol or title (tests/test_i18n_bidi.py checks pages and exports).

Characters are never changed: verbatim text stays verbatim, only markup is added around it.
"""

import re
import unicodedata

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

# A symbol or a number written with Latin letters and digits joined by "/", "-" or ".":
# 53/45-POL, A/RES/65/283, 283/65/A (as an Arabic source stores it), 19-01473, A/73/.
# At least one digit; not glued to other Latin letters or digits (an Arabic letter may touch it,
# as in "وA/70/304", where "و" is the conjunction "and").
SYMBOL = re.compile(
    r"(?<![A-Za-z0-9/])(?=[A-Za-z/.-]*[0-9])[A-Za-z0-9]+(?:[/.-][A-Za-z0-9]+)*(?:/(?![A-Za-z0-9]))?"
    r"(?![A-Za-z0-9]|[/.-][\u0600-\u06ff])"
)
# A run of Latin-script words (with the brackets around them) inside right-to-left text.
LATIN_RUN = re.compile(
    r"\(?[A-Za-z\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f'’/.,;:\- ]*[A-Za-z0-9\u00c0-\u024f.]\)?"
)


def direction(text) -> str:
    """ "rtl" or "ltr": the direction of the first strong character, as dir="auto" decides."""
    for char in str(text or ""):
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def _is_symbol(token: str) -> bool:
    return any(c.isdigit() for c in token) and any(c in "/-." for c in token)


def ltr(value) -> SafeString | str:
    """A run that reads left to right whatever the page: a symbol, a job number, a URL."""
    if value is None or value == "":
        return ""
    return format_html('<bdi dir="ltr">{}</bdi>', value)


def isolated(value) -> SafeString | str:
    """`value` isolated in its own direction: <bdi dir="ltr|rtl">…</bdi>."""
    if value is None or value == "":
        return ""
    return format_html('<bdi dir="{}">{}</bdi>', direction(value), value)


def mark_runs(value) -> SafeString:
    """`value` escaped; when it reads right to left, each symbol and each run of Latin-script
    words in it is wrapped in <bdi dir="ltr">. Left-to-right text needs nothing: a symbol reads
    in its order there. The characters are exactly those of `value`: only markup is added
    (strip_tags gives escape(value) back)."""
    text = str(value or "")
    if not text or direction(text) == "ltr":
        return escape(text)
    patterns = [SYMBOL, LATIN_RUN]
    spans = []
    for pattern in patterns:
        for match in pattern.finditer(text):
            start, end = match.span()
            if pattern is SYMBOL and not _is_symbol(match.group(0)):
                continue
            if any(start < e and s < end for s, e in spans):
                continue  # inside a symbol already marked
            spans.append((start, end))
    out, last = [], 0
    for start, end in sorted(spans):
        out.append(escape(text[last:start]))
        out.append(format_html('<bdi dir="ltr">{}</bdi>', text[start:end]))
        last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped or built by format_html
