"""Layout that once looked broken in the screenshots, kept fixed.

On a phone (390 px) and a tablet (700 px), in English and in Arabic, no public page is wider than
the screen; the progress chart fits its column with every label inside it, its percentages
beside the plot rather than over it, and in Arabic it runs right to left (earliest date on the
right). On a tablet the occurrences of an action and the action list are not squeezed into six
or seven narrow columns (badges used to run into the next one).
Each page is saved under test-output/screenshots/layout-*.png to be looked at.
"""

import pytest

WIDTHS = {"phone": 390, "tablet": 700}
# Tables of six or seven prose columns, shown on a tablet as one block per row.
SQUEEZED = {"annual-conference": "table.occurrences", "actions": "table.actions"}

CHART = """svg => {
  const box = r => { const b = r.getBoundingClientRect();
                     return {left: b.left, right: b.right, top: b.top, bottom: b.bottom}; };
  return {
    svg: box(svg),
    plot: box(svg.querySelector('rect')),
    texts: Array.from(svg.querySelectorAll('text'))
      .filter(t => getComputedStyle(t).display !== 'none')
      .map(t => ({text: t.textContent.trim(), ...box(t)})),
    dots: Array.from(svg.querySelectorAll('circle')).map(c => box(c).left),
  };
}"""


def _pages():
    from resolutions.models import Action

    actions = dict(Action.objects.filter(resolution__slug="53-45-pol").values_list("key", "pk"))
    return {
        "dashboard": "/",
        "resolution": "/resolutions/53-45-pol/",
        "paragraph-7": "/resolutions/53-45-pol/paragraphs/7/",
        "network": f"/actions/{actions['network']}/",
        "annual-conference": f"/actions/{actions['annual-conference']}/",
        "actions": "/actions/",
    }


def _check_chart(chart, rtl, width, where):
    svg, plot = chart["svg"], chart["plot"]
    # Not scrolled or cut: a chart wider than the screen hid its latest years.
    assert svg["left"] >= 0 and svg["right"] <= width, (where, "chart wider than the screen", svg)
    years, percents = [], []
    for t in chart["texts"]:
        assert svg["left"] - 0.5 <= t["left"] and t["right"] <= svg["right"] + 0.5, (where, t)
        (percents if t["text"].endswith("%") else years).append(t)
    for t in percents:  # axis labels and the latest value: beside the plot, never on it
        assert t["right"] <= plot["left"] + 1 or t["left"] >= plot["right"] - 1, (where, t)
    years.sort(key=lambda t: t["left"])
    for a, b in zip(years, years[1:], strict=False):
        assert a["right"] < b["left"], ("year labels collide", where, a, b)
    earliest, latest = chart["dots"][0], chart["dots"][-1]
    assert (earliest > latest) if rtl else (earliest < latest), (where, chart["dots"])


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("device", WIDTHS)
def test_pages_fit_narrow_screens_and_the_chart_reads_in_each_direction(
    live_seeded, browser, shot, device
):
    context = browser.new_context(viewport={"width": WIDTHS[device], "height": 900})
    page = context.new_page()
    charts = 0
    for lang in ("en", "ar"):
        for name, path in _pages().items():
            where = f"{lang} {device} {name}"
            page.goto(f"{live_seeded.url}/{lang}{path}")
            shot(page, f"layout-{device}-{lang}-{name}")
            width = page.evaluate("() => document.documentElement.clientWidth")
            scroll = page.evaluate("() => document.documentElement.scrollWidth")
            assert scroll <= width, (where, "wider than the screen", scroll, width)
            for svg in page.locator("svg.chart-progress").all():
                _check_chart(svg.evaluate(CHART), rtl=lang == "ar", width=width, where=where)
                charts += 1
            if device == "tablet" and name in SQUEEZED:
                table = page.locator(SQUEEZED[name])
                full = table.bounding_box()["width"]
                for cell in table.locator("tbody tr").first.locator("th, td").all():
                    assert cell.bounding_box()["width"] > full / 2, (where, "squeezed columns")
    assert charts >= 4  # dashboard and resolution page, in each language
    context.close()
