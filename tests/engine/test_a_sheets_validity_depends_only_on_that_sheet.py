"""Property: one city changing its own inflation or bids never changes whether another city's
sheet is valid."""

from hypothesis import given
from hypothesis import strategies as st

from game.engine import Sheet, validate_sheet
from tests.engine.strategies import PROPERTY, rounds


@PROPERTY
@given(rounds(), st.data())
def test_changing_one_sheet_leaves_the_others_validity_alone(r, data):
    if len(r.sheets) < 1:
        return
    city_ids = [c.id for c in r.province.cities]
    changer = data.draw(st.sampled_from(city_ids))

    def verdicts(sheets):
        return {
            c: validate_sheet(s, city=r.province.city(c), state=r.state.city(c), offer=r.offer, rules=r.rules)
            for c, s in sheets.items()
        }

    before = verdicts(r.sheets)
    old = r.sheets.get(changer, Sheet(changer))
    project_ids = [p.id for p in r.offer.industrial] + ["not-on-offer"]
    new_bids = data.draw(st.dictionaries(st.sampled_from(project_ids), st.integers(-10, 500)))
    new_inflation = data.draw(st.integers(-10, 80))
    mutated = dict(r.sheets)
    mutated[changer] = Sheet(changer, new_bids, old.contributions, new_inflation)
    after = verdicts(mutated)
    for c in r.sheets:
        if c != changer:
            assert after[c] == before[c]
