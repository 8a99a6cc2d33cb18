"""A display name is isolated wherever it is shown: a right-to-left override typed into a
name is dropped when the student joins, and a name that still holds one (a row stored
before names were cleaned) reorders only itself, not the names and words after it, on
the student's page and on the instructor's panel (`<bdi>` elements)."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from game.models import Participant
from tests.e2e.screens import chip, create_session, join, log_in, person, wait_online

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

RLO = "\u202e"


def _left_to_right(page, container, first: str, second: str) -> None:
    """`first` and `second` are names in <bdi> elements of `container`, and `first` is
    drawn to the left of `second` (their logical order): the override in `first` did not
    carry over to what follows it. Both boxes are read in one step in the page: the panel
    redraws its chips on live updates, and two separate reads could straddle a redraw."""
    boxes = None
    for _ in range(20):
        boxes = container.evaluate("""(el, names) => {
            const bdis = [...el.querySelectorAll('bdi')];
            return names.map(n => { const b = bdis.find(x => x.textContent === n);
                                    if (!b) return null; const r = b.getBoundingClientRect();
                                    return r.width > 0 ? {x: r.x, width: r.width} : null; });
        }""", [first, second])
        if None not in boxes:
            break
        page.wait_for_timeout(250)
    assert boxes is not None and None not in boxes, (first, second, boxes)
    a, b = boxes
    assert a["x"] + a["width"] <= b["x"] + 1, (a, b)


def test_a_right_to_left_override_in_a_name_reorders_nothing_around_it(stack, browser, instructor, tmp_path):
    panel = person(browser, stack.base_url)
    log_in(panel)
    session = create_session(panel, title="Names", rounds=2, seconds=600, schedule="growth_tournament",
                             auto_close=False)
    ann = person(browser, stack.base_url)
    join(ann, session.code, RLO + "Ann Lee")
    stored = Participant.objects.get(session_id=session.id)
    assert stored.display_name == "Ann Lee"  # the override was dropped on the way in

    # A teammate stored before names were cleaned, with an override still in it, listed first.
    Participant.objects.create(session_id=session.id, seat=stored.seat, display_name=RLO + "Eve 42")
    Participant.objects.filter(session_id=session.id, display_name=RLO + "Eve 42").update(
        joined_at=stored.joined_at - dt.timedelta(minutes=1))

    ann.reload()
    wait_online(ann)
    row = ann.locator("#card-province-body li.is-me")
    expect(row.locator("bdi")).to_have_count(2)
    _left_to_right(ann, row, RLO + "Eve 42", "Ann Lee")
    ann.screenshot(path=str(tmp_path / "student.png"), full_page=True)

    panel.reload()
    wait_online(panel)
    seat_chip = chip(panel, "Ann Lee")
    expect(seat_chip.locator("bdi")).to_have_count(2)
    _left_to_right(panel, seat_chip, RLO + "Eve 42", "Ann Lee")
    roster = panel.locator("#roster")
    expect(roster.locator("th bdi")).to_have_count(2)
    panel.screenshot(path=str(tmp_path / "panel.png"), full_page=True)
    # For a person to look at (the reviewer of this test does).
    import shutil

    for name in ("student.png", "panel.png"):
        shutil.copy(tmp_path / name, f"/tmp/bidi-{name}")
