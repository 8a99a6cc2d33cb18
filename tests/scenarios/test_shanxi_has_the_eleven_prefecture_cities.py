"""DESIGN §6: `shanxi` ships the 11 prefecture-level cities, named in zh and en, tagged with the
central cluster, the Taiyuan–Xinzhou zone and the three town circles."""

from game.scenarios import load_scenario

# DESIGN §6, id → (zh, en)
SHANXI_CITIES = {
    "taiyuan": ("太原", "Taiyuan"),
    "datong": ("大同", "Datong"),
    "shuozhou": ("朔州", "Shuozhou"),
    "xinzhou": ("忻州", "Xinzhou"),
    "yangquan": ("阳泉", "Yangquan"),
    "lvliang": ("吕梁", "Lüliang"),
    "jinzhong": ("晋中", "Jinzhong"),
    "changzhi": ("长治", "Changzhi"),
    "jincheng": ("晋城", "Jincheng"),
    "linfen": ("临汾", "Linfen"),
    "yuncheng": ("运城", "Yuncheng"),
}


def test_shanxi_has_exactly_the_eleven_prefecture_level_cities():
    cities = load_scenario("shanxi").province.cities
    assert len(cities) == 11
    assert {c.id for c in cities} == set(SHANXI_CITIES)


def test_every_shanxi_city_has_its_chinese_and_an_english_name():
    for city in load_scenario("shanxi").province.cities:
        assert (city.name_zh, city.name_en) == SHANXI_CITIES[city.id]


def test_shanxi_region_tags_cover_the_cluster_the_zone_and_the_three_circles():
    tags = {tag for city in load_scenario("shanxi").province.cities for tag in city.regions}
    assert {"central_cluster", "taixin_zone", "north_circle", "south_circle", "southeast_circle"} <= tags


def test_taiyuan_and_xinzhou_are_in_the_taiyuan_xinzhou_zone():
    province = load_scenario("shanxi").province
    assert "taixin_zone" in province.city("taiyuan").regions
    assert "taixin_zone" in province.city("xinzhou").regions


def test_shanxi_names_itself_and_states_its_gdp_year():
    scenario = load_scenario("shanxi")
    assert scenario.id == "shanxi"
    assert scenario.name_zh and scenario.name_en
    assert 2000 <= scenario.gdp_year <= 2030
