"""An embeddable badge: /<lang>/resolutions/<slug>/badge.svg.

A ministry can put it on its own website with a plain <img>: the symbol on the left, the
headline weighted percentage and how many actions have been assessed on the right, in the
language of the URL prefix. The numbers are the roll-up's (resolutions/rollup/) for today;
the page cache serves it until the next publish, and the address never changes.
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.translation import get_language_bidi, ngettext
from django.utils.translation import gettext as _

from .citation import unfigured_note
from .models import Resolution
from .page_cache import public_page
from .rollup import resolution_rollup

HEIGHT = 20
FONT = "Verdana,DejaVu Sans,Noto Sans,Noto Naskh Arabic,sans-serif"


def _width(text: str) -> int:
    """An estimate of the text's width at 11 px (no font metrics on the server): wide enough
    for Verdana, the widest of the usual fallbacks."""
    return int(len(text) * 7.2) + 12


def badge_text(rollup) -> str:
    """The headline as the pages say it (#11): no percentage before adoption ("not yet adopted
    on that date", no count beside it) or without an assessment ("not assessed"), and a
    percentage that counts work in progress with no sourced figure says so beside it."""
    if rollup.not_yet_adopted:
        return _("Not yet adopted on that date")
    # The roll-up's own count (#11): an action is assessed when a published update or a
    # recorded occurrence says where it stands; "no occurrence recorded" is not.
    assessed, countable = rollup.assessed, rollup.scored
    share = ngettext(
        "%(assessed)s of %(n)s action assessed", "%(assessed)s of %(n)s actions assessed", countable
    ) % {"assessed": assessed, "n": countable}
    if rollup.percent is None:
        return f"{_('Not assessed') if countable else _('no percentage')} · {share}"
    value = f"{number_format(rollup.percent, 1)}% · {share}"
    if rollup.unfigured:
        value = f"{value} · {unfigured_note(rollup.unfigured)}"
    return value


def badge_svg(symbol: str, value: str, title: str, *, rtl: bool) -> str:
    left_w, right_w = _width(symbol), _width(value)
    width = left_w + right_w
    # In Arabic the symbol sits on the right, as the reader starts there.
    sym_x, val_x = (right_w, 0) if rtl else (0, left_w)
    direction = ' direction="rtl" unicode-bidi="embed"' if rtl else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{HEIGHT}" '
        f'viewBox="0 0 {width} {HEIGHT}" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>"
        f'<rect x="{sym_x}" width="{left_w}" height="{HEIGHT}" fill="#24292f"/>'
        f'<rect x="{val_x}" width="{right_w}" height="{HEIGHT}" fill="#1f6f3f"/>'
        f'<g fill="#fff" font-family="{FONT}" font-size="11" text-anchor="middle">'
        f'<text x="{sym_x + left_w / 2:.1f}" y="14" direction="ltr">{escape(symbol)}</text>'
        f'<text x="{val_x + right_w / 2:.1f}" y="14"{direction}>{escape(value)}</text>'
        f"</g></svg>"
    )


@public_page
def _badge(request, slug):
    resolution = get_object_or_404(Resolution.objects.listed(), slug=slug)
    rollup = resolution_rollup(resolution, timezone.localdate())
    value = badge_text(rollup)
    title = _("%(symbol)s implementation: %(value)s") % {
        "symbol": resolution.symbol,
        "value": value,
    }
    svg = badge_svg(resolution.symbol, value, title, rtl=get_language_bidi())
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


def resolution_badge(request, slug):
    response = _badge(request, slug)
    if response.status_code == 200:
        # Embedded on other sites: readable cross-origin, revalidated often (a publish moves
        # the numbers). Set here, outside the page cache, so cached copies carry them too.
        response["Cross-Origin-Resource-Policy"] = "cross-origin"
        response["Cache-Control"] = "public, max-age=300"
    return response
