"""manage.py answers in the terminal's language: English unless the locale asks for Chinese,
although the site's default language (for students) is Chinese."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from config.cli_language import cli_language

ROOT = Path(__file__).resolve().parents[2]
MISMATCH = ["demo_session", "--scenario", "central-cluster", "--rounds", "3",
            "--treatments", "A=growth_tournament:4;B=collaborative_contest:4"]


@pytest.mark.parametrize(("environ", "language"), [
    ({}, "en"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "zh_CN.UTF-8"}, "zh-hans"),
    ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh-hans"),
    ({"LANGUAGE": "en", "LC_ALL": "zh_CN.UTF-8"}, "en"),
    ({"LANGUAGE": "", "LC_ALL": "", "LANG": "zh_TW.UTF-8"}, "zh-hans"),
])
def test_the_first_locale_variable_set_chooses_the_language(environ, language):
    assert cli_language(environ) == language


def run(locale: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env["LANG"] = locale
    return subprocess.run([sys.executable, "manage.py", *MISMATCH], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_an_english_terminal_gets_english_errors():
    done = run("en_US.UTF-8")
    assert done.returncode == 2
    assert "The treatments are not valid: treatment A" in done.stderr and "实验组" not in done.stderr


def test_a_chinese_terminal_gets_chinese_errors():
    done = run("zh_CN.UTF-8")
    assert done.returncode == 2 and "实验组设置无效" in done.stderr
