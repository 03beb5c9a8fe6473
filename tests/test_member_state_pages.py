"""Member State pages worth opening: the resolutions the state is a party to as an OIC member,
the session it hosted, and one short line where no source names it."""

import re


def squash(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_every_state_lists_the_resolutions_tracked_with_their_headline(client, seeded):
    page = squash(client.get("/member-states/ALB/?as_of=2018-11-29").content.decode())
    assert "As an OIC Member State, Albania is a member of the bodies that adopted" in page
    assert "53/45-POL — Strengthening the Mediation Capacity of the OIC" in page
    assert "28.6% weighted progress" in page
    assert "The session that adopted it met in" not in page


def test_bangladesh_hosted_the_session_that_adopted_53_45_pol(client, seeded):
    page = squash(client.get("/member-states/BGD/").content.decode())
    assert "The session that adopted it met in Dhaka" in page


def test_a_state_no_source_names_gets_one_short_line(client, seeded):
    page = squash(client.get("/member-states/ALB/").content.decode())
    assert page.count("No cited source names Albania") == 1
    assert "No source names Albania in a role." not in page
    assert "No source names Albania as responsible for an action." not in page
    # A state named somewhere keeps the precise lines.
    turkey = squash(client.get("/member-states/TUR/").content.decode())
    assert "No cited source names" not in turkey
