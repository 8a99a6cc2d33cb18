"""Display names as students type them, made safe to show beside other text.

A name is shown on teammates' phones, the panel and the projector, inside sentences
("Ann saved your city's sheet"). So it is normalised before it is stored:

- NFKC, so full-width and compatibility forms (Ａｎｎ, ﬁ) become the ordinary letters
  and look-alike duplicates compare equal;
- every separator (Unicode Zs, Zl, Zp) and whitespace control becomes one plain space,
  runs collapse and the ends are trimmed;
- control, format, surrogate, private-use and unassigned characters (Cc, Cf, Cs, Co, Cn)
  are dropped: this removes the bidirectional overrides and isolates (U+202A–202E,
  U+2066–2069) that reorder the text around a name, zero-width spaces and joiners, and
  soft hyphens; so is a short list of letters that render as nothing (Hangul fillers,
  the blank Braille pattern);
- a name must keep at least one visible letter, digit, punctuation mark or symbol.

Names are still isolated wherever they are shown (`<bdi>` in templates, `PC.bdi` and
`PC.isolate` in static/js), for right-to-left names and any row stored before this.
Two students of one session may not share a name, compared case-insensitively after
normalisation (`name_key`; services/sessions.py refuses a second one at join, offering the
return code, and at rename).
"""

from __future__ import annotations

import unicodedata

from django.utils.translation import gettext as _

from game.services.errors import GameError

MAX_NAME = 40
DROPPED = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
# Letters and symbols that draw nothing: Hangul fillers (choseong, jungseong, the
# compatibility and half-width fillers), the blank Braille pattern, Khmer inherent vowels.
INVISIBLE = frozenset("\u115f\u1160\u3164\uffa0\u2800\u17b4\u17b5")
VISIBLE_CATEGORIES = ("L", "N", "P", "S")


def name_normalise(raw: str | None) -> str:
    """The name as it will be stored and shown, or GameError("bad_name") with a
    translated reason."""
    text = unicodedata.normalize("NFKC", raw or "")
    kept = []
    for ch in text:
        category = unicodedata.category(ch)
        if ch.isspace() or category[0] == "Z":
            kept.append(" ")
        elif category in DROPPED or ch in INVISIBLE:
            continue
        else:
            kept.append(ch)
    name = " ".join("".join(kept).split())
    if not name.strip():
        raise GameError("bad_name", _("Please enter a display name."))
    if not any(unicodedata.category(ch)[0] in VISIBLE_CATEGORIES and ch not in INVISIBLE for ch in name):
        raise GameError("bad_name", _("A display name needs at least one visible letter, digit or sign."))
    if len(name) > MAX_NAME:
        raise GameError("bad_name", _("A display name has at most %(max)s characters.") % {"max": MAX_NAME})
    return name


def name_key(name: str) -> str:
    """What two names are compared by: case-folded, then NFKC again (Unicode's
    NFKC_Casefold, near enough for names)."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())
