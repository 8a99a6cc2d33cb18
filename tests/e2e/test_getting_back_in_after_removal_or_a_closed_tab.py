"""In Chromium: a removed student's "Join again" reaches the join page (no redirect loop),
and a student who closed their tab gets their own seat back with name + return code,
while their name alone gets nobody into it."""

import re

from playwright.sync_api import expect

from tests.e2e.fit import PHONE, shoot
from tests.e2e.screens import chip, create_session, join, log_in, person, wait_online


def test_join_again_after_removal_and_reclaim_after_a_closed_tab(stack, browser, instructor):
    panel = person(browser, stack.base_url)
    log_in(panel)
    session = create_session(panel, title="Getting back in", rounds=2, seconds=120,
                             schedule="growth_tournament:2")
    alice = person(browser, stack.base_url)
    join(alice, session.code, "Alice")
    code = alice.locator("#return-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{5}", code), code
    city = alice.locator("#sb-city").inner_text()

    bob = person(browser, stack.base_url)
    bob.set_viewport_size(PHONE)
    join(bob, session.code, "Bob")
    expect(chip(panel, "Bob")).to_be_visible()

    # removed: the page offers "Join again", which lands on the join page and stays there
    row = panel.locator("#roster tbody tr").filter(has=panel.locator("th", has_text="Bob"))
    row.locator("button.btn-danger").click()
    join_again = bob.locator("#notices a[href*='?code=']")
    expect(join_again).to_be_visible()
    join_again.click()
    bob.wait_for_url(re.compile(r"/\?code="))
    expect(bob.locator("#join-error")).to_be_visible()
    expect(bob.locator("#join-code")).to_have_value(session.code)
    shoot(bob, "join-after-removal-360")

    # Bob types Alice's name: told how to get *a* seat back, not given hers
    bob.locator("#join-name").fill("Alice")
    bob.locator(".join-card form button[type=submit]").click()
    expect(bob.locator("#join-error")).to_be_visible()
    expect(bob.locator("details.return-box")).to_have_attribute("open", "")
    bob.locator("#join-return").fill("ZZZZZ")
    bob.locator(".join-card form button[type=submit]").click()
    expect(bob.locator("#join-error")).to_be_visible()
    assert "/play/" not in bob.url

    # Alice closes her tab and comes back on a fresh browser with name + return code
    alice.context.close()
    back = person(browser, stack.base_url)
    back.goto(f"/?code={session.code}")
    back.locator("#join-name").fill("alice")
    back.locator("details.return-box summary").click()
    back.locator("#join-return").fill(code.lower())
    back.locator(".join-card form button[type=submit]").click()
    back.wait_for_url(re.compile(rf"/play/{session.code}/$"))
    wait_online(back)
    expect(back.locator("#sb-city")).to_have_text(city)
    expect(back.locator("#return-code")).to_have_text(code)
    expect(panel.locator("#roster tbody tr")).to_have_count(2)  # Alice once, Bob (removed)
