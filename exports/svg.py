"""A small inline SVG of a status distribution, for the PDF report.

Drawn here rather than by a charting library: a stacked bar is a handful of rectangles, and
WeasyPrint renders inline SVG without fetching anything.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

# The web pages' colours, so a printed report and the dashboard read alike.
from resolutions.charts import STATUS_COLOURS, STATUS_TEXT_COLOURS


def distribution_bar(
    distribution: list[dict], *, width: int = 480, height: int = 22, rtl: bool = False
) -> str:
    """A stacked horizontal bar: one segment per status with at least one action. In a
    right-to-left report the bar starts from the right, as the Arabic pages' bars do (the
    shapes are mirrored, the numbers are not)."""
    total = sum(item["count"] for item in distribution)
    if not total:
        return ""
    title = ", ".join(f"{item['label']}: {item['count']}" for item in distribution if item["count"])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">'
    ]
    x = 0.0
    for item in distribution:
        if not item["count"]:
            continue
        w = width * item["count"] / total
        left = width - x - w if rtl else x
        colour = STATUS_COLOURS[item["status"]]
        parts.append(
            f'<rect x="{left:.2f}" y="0" width="{w:.2f}" height="{height}" fill="{colour}">'
            f"<title>{escape(item['label'])}: {item['count']}</title></rect>"
        )
        if w >= 14:
            parts.append(
                f'<text x="{left + w / 2:.2f}" y="{height * 0.7:.2f}" '
                f'font-size="{height * 0.55:.1f}" text-anchor="middle" '
                f'fill="{STATUS_TEXT_COLOURS[item["status"]]}">'
                f"{item['count']}</text>"
            )
        x += w
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every interpolated text is escaped above
