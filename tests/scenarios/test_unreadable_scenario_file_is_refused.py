"""A file that cannot be read as a scenario at all (missing, not UTF-8, not YAML, not a
mapping) or an unknown scenario name is refused with a message, never a traceback."""

from pathlib import Path

import pytest

from game.scenarios import ScenarioError, load_scenario


def test_top_level_is_not_a_mapping(tmp_path, problems_of):
    path = tmp_path / "mini.yaml"
    path.write_text("- taiyuan\n- xinzhou\n", encoding="utf-8")
    assert problems_of(path) == ["mini.yaml: a scenario must be a mapping with id, name, cities and rounds"]


def test_an_empty_file(tmp_path, problems_of):
    path = tmp_path / "mini.yaml"
    path.write_text("", encoding="utf-8")
    assert problems_of(path) == ["mini.yaml: a scenario must be a mapping with id, name, cities and rounds"]


def test_invalid_yaml_syntax_gives_line_and_column(tmp_path, problems_of):
    path = tmp_path / "mini.yaml"
    path.write_text("id: mini\nname: {zh: 迷你, en: Mini\ncities: []\n", encoding="utf-8")
    [problem] = problems_of(path)
    assert problem.startswith("mini.yaml: not valid YAML at line ")
    assert ", column " in problem


def test_invalid_yaml_reports_the_line_of_the_mistake(tmp_path, problems_of):
    path = tmp_path / "mini.yaml"
    path.write_text("id: mini\ncities:\n  - id: taiyuan\n   gdp: 5\n", encoding="utf-8")  # mis-indented
    [problem] = problems_of(path)
    assert problem.startswith("mini.yaml: not valid YAML at line 4, column 4: ")


def test_a_file_that_is_not_utf8(tmp_path, problems_of):
    path = tmp_path / "mini.yaml"
    path.write_bytes("id: mini\nname: {zh: 迷你省, en: Mini}\n".encode("gbk"))
    assert problems_of(path) == ["mini.yaml: the file is not UTF-8 text"]


def test_a_missing_file(tmp_path, problems_of):
    [problem] = problems_of(tmp_path / "nowhere.yaml")
    assert problem.startswith("nowhere.yaml: cannot read the file (")


def test_a_directory_instead_of_a_file(tmp_path, problems_of):
    (tmp_path / "folder.yaml").mkdir()
    [problem] = problems_of(tmp_path / "folder.yaml")
    assert problem.startswith("folder.yaml: cannot read the file (")


def test_an_unknown_scenario_name_lists_the_known_ones(problems_of):
    [problem] = problems_of("hebei")
    assert problem.startswith("unknown scenario 'hebei' (known: ")
    assert "shanxi" in problem and "central-cluster" in problem
    assert "presets" not in problem


def test_presets_is_not_a_scenario_name(problems_of):
    [problem] = problems_of("presets")
    assert problem.startswith("unknown scenario 'presets'")


def test_a_scenario_error_is_a_value_error():
    with pytest.raises(ValueError):
        load_scenario(Path("/nonexistent/dir/x.yaml"))
    assert issubclass(ScenarioError, ValueError)
