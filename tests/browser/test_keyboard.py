"""Journey 7: keyboard only. Tab to the filter form of /actions/, choose a status with the arrow
keys, apply it with Enter, and open a result — with a visible focus indicator at every step."""

import pytest
from playwright.sync_api import expect

FOCUS = """() => {
  const el = document.activeElement;
  const s = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute('name'),
    href: el.getAttribute('href'), inTable: !!el.closest('table.actions tbody'),
    text: (el.innerText || el.value || '').trim().slice(0, 60),
    outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0,
    boxShadow: s.boxShadow,
  };
}"""


def _focus(page):
    focus = page.evaluate(FOCUS)
    visible = (focus["outlineStyle"] != "none" and focus["outlineWidth"] > 0) or (
        focus["boxShadow"] not in ("", "none")
    )
    assert visible, f"focus is not visible on {focus}"
    return focus


def _tab_until(page, wanted, limit=80):
    steps = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = _focus(page)
        steps.append(f"{focus['tag']}#{focus['id'] or focus['name'] or focus['text']}")
        if wanted(focus):
            return focus
    raise AssertionError(f"not reached in {limit} Tab presses: {steps}")


@pytest.mark.django_db(transaction=True)
def test_keyboard_only_filter_and_open(live_seeded, page, shot):
    page.goto(live_seeded.url + "/actions/")

    _tab_until(page, lambda f: f["name"] == "status" and f["tag"] == "select")
    status = page.locator("select[name=status]")
    for _ in range(12):
        if status.input_value() == "in_progress":
            break
        page.keyboard.press("ArrowDown")
    assert status.input_value() == "in_progress"
    _focus(page)
    shot(page, "keyboard-1-status-chosen")

    _tab_until(page, lambda f: f["tag"] == "button" and f["text"] == "Apply")
    shot(page, "keyboard-2-apply-focused")
    page.keyboard.press("Enter")
    page.wait_for_url("**status=in_progress**")
    expect(page.get_by_role("status")).to_contain_text("matching")

    result = _tab_until(
        page, lambda f: f["tag"] == "a" and f["inTable"] and "/actions/" in (f["href"] or "")
    )
    shot(page, "keyboard-3-result-focused")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text(result["text"])
    expect(page.locator("section.current")).to_contain_text("In progress")
