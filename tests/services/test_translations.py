"""The Simplified Chinese catalogs are complete, well-formed and actually served.

The .po files are read with a small parser (no polib needed); the committed .mo files are
checked against them with the standard library, so CI machines without gettext still know
when someone edited a .po file and forgot `compilemessages`.
"""

from __future__ import annotations

import ast
import gettext
import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LC = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES"
DOMAINS = ["django", "djangojs"]

# %(name)s, %s, %d, %i, %f (Python and Django's JS interpolate) and {0} / {name} (str.format);
# "%%" is a literal percent sign and "50 %." is plain text.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")


def placeholders(text: str) -> Counter:
    return Counter(PLACEHOLDER.findall(text.replace("%%", "")))


def _unquote(token: str) -> str:
    return ast.literal_eval(token)  # PO strings use C escapes, which Python reads the same way


def read_po(path: Path) -> list[dict]:
    """Entries as dicts: flags, ctx, id, plural, str ({None: s} or {0: s, 1: s, ...})."""
    entries = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8").strip()):
        entry: dict = {"flags": set(), "ctx": None, "id": None, "plural": None, "str": {}, "obsolete": False}
        current: tuple | None = None
        for line in block.splitlines():
            if line.startswith("#~"):
                entry["obsolete"] = True
            elif line.startswith("#,"):
                entry["flags"].update(f.strip() for f in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                assert current is not None, f"{path.name}: continuation line without keyword: {line}"
                if current[0] == "str":
                    entry["str"][current[1]] += _unquote(line)
                else:
                    entry[current[0]] += _unquote(line)
            else:
                match = re.match(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(\".*\")$", line)
                assert match, f"{path.name}: unexpected line: {line}"
                keyword, index, value = match.group(1), match.group(2), _unquote(match.group(3))
                if keyword == "msgstr":
                    key = int(index) if index is not None else None
                    entry["str"][key] = value
                    current = ("str", key)
                else:
                    name = {"msgctxt": "ctx", "msgid": "id", "msgid_plural": "plural"}[keyword]
                    entry[name] = value
                    current = (name,)
        entries.append(entry)
    return entries


def messages(domain: str) -> list[dict]:
    return [e for e in read_po(LC / f"{domain}.po") if not e["obsolete"] and e["id"]]


def label(entry: dict) -> str:
    return f"{entry['ctx']}|{entry['id']}" if entry["ctx"] else entry["id"]


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_catalog_exists_and_is_not_trivial(domain):
    assert (LC / f"{domain}.po").is_file()
    assert (LC / f"{domain}.mo").is_file(), "run `manage.py compilemessages -l zh_Hans --ignore=.venv`"
    assert len(messages(domain)) > 100


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_header_declares_chinese_with_one_plural_form(domain):
    header = next(e for e in read_po(LC / f"{domain}.po") if e["id"] == "")
    assert "fuzzy" not in header["flags"]
    assert "Plural-Forms: nplurals=1; plural=0;" in header["str"][None]
    assert "charset=UTF-8" in header["str"][None]


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_message_has_a_translation(domain):
    empty = []
    for entry in messages(domain):
        if entry["plural"] is not None:
            assert set(entry["str"]) == {0}, f"{label(entry)}: Chinese has exactly one plural form (msgstr[0])"
        if any(not text.strip() for text in entry["str"].values()):
            empty.append(label(entry))
    assert not empty, f"untranslated in {domain}.po: {empty}"


@pytest.mark.parametrize("domain", DOMAINS)
def test_no_message_is_fuzzy(domain):
    fuzzy = [label(e) for e in messages(domain) if "fuzzy" in e["flags"]]
    assert not fuzzy, f"fuzzy in {domain}.po: {fuzzy}"


@pytest.mark.parametrize("domain", DOMAINS)
def test_placeholders_survive_translation(domain):
    wrong = []
    for entry in messages(domain):
        # The single Chinese form stands for every count, so it must carry the plural's placeholders.
        source = entry["plural"] if entry["plural"] is not None else entry["id"]
        for text in entry["str"].values():
            if placeholders(text) != placeholders(source):
                wrong.append((label(entry), text))
    assert not wrong, f"placeholders differ in {domain}.po: {wrong}"


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_compiled_catalog_matches_the_po_file(domain):
    with open(LC / f"{domain}.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in messages(domain):
        if entry["plural"] is not None:
            for n in (1, 2, 5):
                got = (compiled.npgettext(entry["ctx"], entry["id"], entry["plural"], n) if entry["ctx"]
                       else compiled.ngettext(entry["id"], entry["plural"], n))
                if got != entry["str"][0]:
                    stale.append(label(entry))
        else:
            got = compiled.pgettext(entry["ctx"], entry["id"]) if entry["ctx"] else compiled.gettext(entry["id"])
            if got != entry["str"][None]:
                stale.append(label(entry))
    assert not stale, f"{domain}.mo is stale (run compilemessages): {stale[:10]}"


# T("…") and F("…") are the gettext aliases of static/js/panel/ and projector.js (see the makemessages command).
JS_CALL = re.compile(r"""(?<![\w.])(?:window\.)?(?:gettext|ngettext|T|F)\(\s*"((?:[^"\\]|\\.)*)"\s*[,)]""")


def test_every_javascript_string_is_in_the_catalog():
    known = {e["id"] for e in messages("djangojs")}
    missing = []
    paths = sorted((ROOT / "static" / "js").rglob("*.js"))
    assert ROOT / "static" / "js" / "play" / "sheet.js" in paths  # the page's modules are searched too
    for path in paths:
        for match in JS_CALL.finditer(path.read_text(encoding="utf-8")):
            text = _unquote(f'"{match.group(1)}"')
            if text not in known:
                missing.append(f"{path.relative_to(ROOT)}: {text}")
    assert not missing, f"run `manage.py makemessages -d djangojs -l zh_Hans …`; missing: {missing}"


def test_the_join_page_is_in_chinese_for_a_chinese_browser(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    assert response.status_code == 200
    text = response.content.decode()
    assert '<html lang="zh-hans">' in text
    assert "加入游戏" in text and "加入码" in text and "省域竞赛" in text
    assert "Join a game" not in text


def test_the_join_page_is_in_english_for_an_english_browser(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    text = response.content.decode()
    assert '<html lang="en">' in text
    assert "Join a game" in text and "Game code" in text and "Province Contest" in text
    assert "加入游戏" not in text


def test_the_javascript_catalog_follows_the_browser_language(client, db):
    chinese = client.get("/jsi18n/", HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert '"Connected": "\\u5df2\\u8fde\\u63a5"' in chinese  # 已连接
    assert '"move a student to a seat\\u0004Move"' in chinese  # a message with a context
    english = client.get("/jsi18n/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '"Connected"' not in english
