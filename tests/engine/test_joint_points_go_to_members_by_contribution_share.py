"""E (ecology or public-service points) goes to members by contribution share."""

import pytest

from tests.engine.builders import joint, offer, province, score, sheet, sheets

SHEETS = sheets(sheet("c1", contributions={"jp": 40}), sheet("c2", contributions={"jp": 20}))


def _project(kind):
    return joint(members=("c1", "c2", "c3"), threshold=60, points=12, type=kind)


def test_an_ecology_project_pays_ecology_points():
    result = score(province(3), offer(_project("ecology")), SHEETS)
    # 12 * 40/60 = 8, 12 * 20/60 = 4, nothing for c3 who paid nothing
    assert [c.ecology for c in result.cities] == pytest.approx([8, 4, 0])
    assert [c.public_service for c in result.cities] == [0, 0, 0]
    # the indicator is E per unit of budget (100 each)
    assert [c.indicators["ecology"] for c in result.cities] == pytest.approx([0.08, 0.04, 0])
    assert result.totals.ecology == pytest.approx(12)
    assert dict(result.joint[0].point_shares) == pytest.approx({"c1": 8, "c2": 4})


def test_a_public_service_project_pays_public_service_points():
    result = score(province(3), offer(_project("public_service")), SHEETS)
    assert [c.public_service for c in result.cities] == pytest.approx([8, 4, 0])
    assert [c.ecology for c in result.cities] == [0, 0, 0]
    assert result.totals.public_service == pytest.approx(12)
    # welfare = GDP gain + ecology + public service
    assert result.totals.welfare == pytest.approx(result.totals.gdp_gain + 12)
