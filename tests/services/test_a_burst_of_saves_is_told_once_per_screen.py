"""A burst of saves reaches each province, the projector and the panel as one notice each:
the province and projector learn which seats saved and never what; the panel gets the
latest sheet of each seat; the seat's own sockets get their sheet at once."""

import asyncio
import json
import threading
from types import SimpleNamespace

import pytest

from game.services import broadcast, rounds, save_notices

pytestmark = pytest.mark.django_db

RUNNING = SimpleNamespace(is_running=lambda: True)  # the loop a flush was scheduled on, still running


@pytest.fixture
def wire(monkeypatch):
    """What was sent at once, and the flushes scheduled for later (run by hand)."""
    sent: list[tuple[str, dict]] = []
    later: list = []
    monkeypatch.setattr(broadcast, "send_encoded_now",
                        lambda encoded: sent.extend((g, json.loads(t)) for g, t in encoded))
    monkeypatch.setattr(broadcast, "send_later", lambda delay, collect: later.append(collect) or RUNNING)
    save_notices.take_messages()  # nothing left over from another test
    return sent, later


@pytest.fixture
def class_of_seven(make_session, join, instructor):
    session = make_session(fill_with_bots=False)  # central-cluster: five cities per province
    students = [join(session, name) for name in ("Ana", "Ben", "Cai", "Dee", "Eli", "Fay", "Gus")]
    rounds.round_open(session=session, user=instructor)
    return session, students


def save(student, amount, capture):
    with capture(execute=True):
        return rounds.sheet_save(participant=student, round_number=1, data={"bids": {"r1-nev": amount}})


def test_a_burst_of_saves_is_one_notice_per_province_projector_and_panel(
        class_of_seven, wire, django_capture_on_commit_callbacks):
    session, students = class_of_seven
    sent, later = wire
    for n, student in enumerate(students):
        save(student, 10 + n, django_capture_on_commit_callbacks)
    assert len(later) == 1, "the first save schedules the notice; the others join it"
    assert sorted(g for g, _ in sent) == sorted(broadcast.seat_group(s.seat_id) for s in students)
    assert {m["type"] for _, m in sent} == {"sheet"}

    notices = [(g, json.loads(t)) for g, t in later[0]()]
    provinces = {s.seat.province_id for s in students}
    assert len(provinces) == 2
    for province in provinces:
        told = [m for g, m in notices if g == broadcast.province_group(province)]
        assert told == [{"type": "submitted", "round": 1, "province": province,
                         "seats": [s.seat_id for s in students if s.seat.province_id == province]}]
    projector = [m for g, m in notices if g == broadcast.projector_group(session.id)]
    assert len(projector) == 1 and sorted(projector[0]["seats"]) == sorted(s.seat_id for s in students)
    panel = [m for g, m in notices if g == broadcast.instructor_group(session.id)]
    assert len(panel) == 1 and panel[0]["type"] == "sheets"
    assert {s["seat"]: s["data"]["bids"] for s in panel[0]["sheets"]} == {
        s.seat_id: {"r1-nev": 10 + n} for n, s in enumerate(students)}
    assert len(notices) == len(provinces) + 2


def test_what_the_province_and_projector_are_told_holds_no_sheet(
        class_of_seven, wire, django_capture_on_commit_callbacks):
    session, students = class_of_seven
    sent, later = wire
    for student in students:
        save(student, 17, django_capture_on_commit_callbacks)
    public = {broadcast.projector_group(session.id)} | {broadcast.province_group(s.seat.province_id)
                                                        for s in students}
    texts = [t for g, t in later[0]() if g in public]
    assert texts and all("r1-nev" not in t and "bids" not in t and "data" not in t for t in texts)


def test_a_seat_saving_again_in_the_burst_is_one_submission_and_the_panel_gets_its_latest_sheet(
        class_of_seven, wire, django_capture_on_commit_callbacks):
    session, students = class_of_seven
    sent, later = wire
    ana = students[0]
    for amount in (1, 2, 3):
        save(ana, amount, django_capture_on_commit_callbacks)
    notices = [(g, json.loads(t)) for g, t in later[0]()]
    assert [m["seats"] for g, m in notices if g == broadcast.province_group(ana.seat.province_id)] == [[ana.seat_id]]
    panel = [m for g, m in notices if g == broadcast.instructor_group(session.id)]
    assert [(s["version"], s["data"]["bids"]) for s in panel[0]["sheets"]] == [(3, {"r1-nev": 3})]
    assert [m["version"] for _, m in sent] == [1, 2, 3], "the seat's own sockets get every save"


def test_a_save_after_the_notice_went_out_schedules_the_next(class_of_seven, wire,
                                                              django_capture_on_commit_callbacks):
    _, students = class_of_seven
    _, later = wire
    save(students[0], 1, django_capture_on_commit_callbacks)
    later[0]()
    save(students[1], 1, django_capture_on_commit_callbacks)
    assert len(later) == 2
    told = [json.loads(t) for _, t in later[1]()]
    assert [m["seats"] for m in told if "province" in m] == [[students[1].seat_id]]


def test_a_refused_save_tells_nobody(class_of_seven, wire, django_capture_on_commit_callbacks):
    _, students = class_of_seven
    sent, later = wire
    with pytest.raises(Exception):  # noqa: B017 - the refusal itself is tested elsewhere
        save(students[0], -5, django_capture_on_commit_callbacks)
    assert sent == [] and later == [] and save_notices.take_messages() == []


def test_a_flush_that_never_ran_does_not_hold_back_later_notices(class_of_seven, wire, monkeypatch,
                                                                  django_capture_on_commit_callbacks):
    _, students = class_of_seven
    _, later = wire
    clock = [1000.0]
    monkeypatch.setattr(save_notices.time, "monotonic", lambda: clock[0])
    save(students[0], 1, django_capture_on_commit_callbacks)  # its flush is lost (a stopped loop)
    save(students[1], 1, django_capture_on_commit_callbacks)
    assert len(later) == 1
    clock[0] += save_notices.DELAY_SECONDS + save_notices.LOST_AFTER_SECONDS + 1
    save(students[2], 1, django_capture_on_commit_callbacks)
    assert len(later) == 2
    seats = [m["seats"] for g, m in ((g, json.loads(t)) for g, t in later[1]()) if "province" in m]
    assert seats == [[s.seat_id for s in students[:3]]], "nothing pending was dropped"


def test_a_flush_scheduled_on_a_loop_that_stopped_is_scheduled_again(class_of_seven, wire, monkeypatch,
                                                                      django_capture_on_commit_callbacks):
    _, students = class_of_seven
    _, later = wire
    loop = SimpleNamespace(running=True)
    loop.is_running = lambda: loop.running
    monkeypatch.setattr(broadcast, "send_later", lambda delay, collect: later.append(collect) or loop)
    save(students[0], 1, django_capture_on_commit_callbacks)
    loop.running = False  # as a server shutting down, or a test's loop ending, with the flush still due
    save(students[1], 1, django_capture_on_commit_callbacks)
    assert len(later) == 2
    seats = [m["seats"] for g, m in ((g, json.loads(t)) for g, t in later[1]()) if "province" in m]
    assert seats == [[students[0].seat_id, students[1].seat_id]]


def test_without_a_loop_to_send_later_each_save_is_told_at_once(class_of_seven, monkeypatch,
                                                                 django_capture_on_commit_callbacks):
    session, students = class_of_seven
    sent: list[tuple[str, dict]] = []
    monkeypatch.setattr(broadcast, "send_encoded_now",
                        lambda encoded: sent.extend((g, json.loads(t)) for g, t in encoded))
    save_notices.take_messages()
    save(students[0], 7, django_capture_on_commit_callbacks)  # a test process has no sending loop
    assert {g for g, _ in sent} == {broadcast.seat_group(students[0].seat_id),
                                    broadcast.province_group(students[0].seat.province_id),
                                    broadcast.projector_group(session.id), broadcast.instructor_group(session.id)}


def test_send_later_sends_from_the_running_loop_what_collect_returns_when_it_runs(monkeypatch):
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    delivered = threading.Event()
    got: list[tuple[str, str]] = []

    class Layer:
        async def group_send(self, group, message):
            got.append((group, message["text"]))
            delivered.set()

    monkeypatch.setattr(broadcast, "get_channel_layer", lambda: Layer())
    monkeypatch.setattr(broadcast, "_server_loop", loop)
    collected_on: list[threading.Thread] = []

    def collect():
        collected_on.append(threading.current_thread())
        return [("province-1", "the notice")]

    try:
        assert broadcast.send_later(0.01, collect) is loop
        assert delivered.wait(5)
        assert got == [("province-1", "the notice")] and collected_on == [thread]
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        loop.close()


def test_send_later_declines_where_no_loop_sends(monkeypatch):
    monkeypatch.setattr(broadcast, "_server_loop", None)
    monkeypatch.setattr(broadcast, "_use_sender", False)
    assert broadcast.send_later(0.01, lambda: []) is None
