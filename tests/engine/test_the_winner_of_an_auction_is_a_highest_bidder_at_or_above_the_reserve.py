"""Property: a project goes to a highest bidder at or above its reserve, or to nobody."""

from hypothesis import given

from tests.engine.strategies import PROPERTY, Round, rounds, score


@PROPERTY
@given(rounds())
def test_the_winner_is_a_highest_bidder_at_or_above_the_reserve(r: Round):
    result = score(r)
    for project, outcome in zip(r.offer.industrial, result.industrial, strict=True):
        placed = {c: s.bids.get(project.id, 0) for c, s in r.sheets.items()}
        eligible = {c: b for c, b in placed.items() if b > 0 and b >= project.reserve}
        if not eligible:
            assert outcome.winner is None
            assert outcome.price_paid == 0
            continue
        top = max(eligible.values())
        highest = sorted(c for c, b in eligible.items() if b == top)
        assert outcome.winner in highest
        assert outcome.winning_bid == top
        assert outcome.tied == (tuple(highest) if len(highest) > 1 else ())
        assert project.id in result.city(outcome.winner).won
        discount = r.province.city(outcome.winner).powers.bid_discount
        assert abs(outcome.price_paid - top * (1 - discount)) < 1e-9


@PROPERTY
@given(rounds())
def test_only_bids_at_or_above_the_reserve_are_ever_paid(r: Round):
    result = score(r)
    for c in result.cities:
        sheet = r.sheets.get(c.city_id)
        payable = 0
        if sheet is not None:
            payable = sum(
                sheet.bids.get(p.id, 0) for p in r.offer.industrial if sheet.bids.get(p.id, 0) >= p.reserve
            )
        assert c.bids_paid <= payable + 1e-9
        if not r.rules.all_pay:
            won = sum(sheet.bids[p] for p in c.won) if sheet is not None else 0
            assert c.bids_paid <= won + 1e-9
