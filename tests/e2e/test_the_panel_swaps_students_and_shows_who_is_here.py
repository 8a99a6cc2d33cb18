"""In Chromium: the move list says which seats are free and offers swaps for full ones; the
panel shows who is connected, live; a seat whose student is gone for a round's time is
handed to a bot, and the student who comes back takes it over again."""

import re
import threading

from playwright.sync_api import expect

from game.models import GameSession, Participant
from game.services.rounds import round_extend
from tests.e2e.screens import chip, create_session, join, log_in, person, wait_online


def test_swap_presence_and_a_bot_standing_in(stack, browser, instructor):
    panel = person(browser, stack.base_url)
    log_in(panel)
    session = create_session(panel, title="Presence", rounds=2, seconds=30, schedule="growth_tournament:2")
    # the form asks for at least 30 s; a 5 s round makes "gone for a whole round" quick to reach
    GameSession.objects.filter(pk=session.id).update(round_seconds=5)
    alice, bob = person(browser, stack.base_url), person(browser, stack.base_url)
    join(alice, session.code, "Alice")
    join(bob, session.code, "Bob")
    expect(panel.locator("#presence-line")).to_contain_text("2 online")
    expect(chip(panel, "Alice").locator(".pres-online")).to_have_count(1)

    # the move list: free seats marked, full ones reached by a swap
    a_city, b_city = alice.locator("#sb-city").inner_text(), bob.locator("#sb-city").inner_text()
    alice_id = Participant.objects.get(display_name="Alice").id
    select = panel.locator(f"#move-{alice_id}")
    options = select.locator("option").all_inner_texts()
    assert any("(free" in o for o in options), options
    bob_id = Participant.objects.get(display_name="Bob").id
    select.select_option(f"swap:{bob_id}")
    alice_row = panel.locator("#roster tbody tr").filter(has=panel.locator("th", has_text="Alice"))
    alice_row.locator(".move-group button").click()
    expect(alice.locator("#sb-city")).to_have_text(b_city)
    expect(bob.locator("#sb-city")).to_have_text(a_city)
    expect(panel.locator("#alerts .alert-ok")).to_be_visible()

    # Bob's phone goes idle, then away
    bob.evaluate("() => { Object.defineProperty(document, 'hidden', {value: true, configurable: true});"
                 " document.dispatchEvent(new Event('visibilitychange')); }")
    expect(chip(panel, "Bob").locator(".pres-idle")).to_have_count(1)
    panel.locator("#open-round").click()
    expect(alice.locator("#sheet-form")).to_be_visible()
    # from a thread: Playwright's loop runs in this one, and the service broadcasts after commit
    worker = threading.Thread(target=round_extend, kwargs=dict(
        session=GameSession.objects.get(pk=session.id), user=instructor, seconds=300))
    worker.start()
    worker.join()
    bob.context.close()
    expect(chip(panel, "Bob").locator(".pres-gone")).to_have_count(1)
    expect(panel.locator("#presence-line")).to_contain_text("1 gone")
    # gone for a whole (5 s) round: the bot stands in, and the panel says so
    expect(panel.locator("#provinces .chip-who", has_text="Bob").locator(".bot-tag")).to_be_visible(timeout=20_000)

    # Bob comes back through the join page with his return code and takes the seat back
    code = Participant.objects.get(pk=bob_id).return_code
    again = person(browser, stack.base_url)
    again.goto(f"/?code={session.code}")
    again.locator("#join-name").fill("Bob")
    again.locator("details.return-box summary").click()
    again.locator("#join-return").fill(code)
    again.locator(".join-card form button[type=submit]").click()
    again.wait_for_url(re.compile(rf"/play/{session.code}/$"))
    wait_online(again)
    expect(panel.locator("#provinces .chip-who", has_text="Bob").locator(".bot-tag")).to_have_count(0)
    expect(chip(panel, "Bob").locator(".pres-online")).to_have_count(1)
    expect(again.locator("#sheet-form")).to_be_visible()
