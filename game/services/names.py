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
  soft hyphens;
- so is every other Default_Ignorable_Code_Point of Unicode (DerivedCoreProperties.txt:
  the combining grapheme joiner U+034F, variation selectors U+FE00–FE0F and
  U+E0100–E01EF, Mongolian free variation selectors, Hangul fillers, Khmer inherent
  vowels, tags…), which draw nothing, so "Alice" and "Alice" + U+034F would look alike
  yet differ; and the blank Braille pattern U+2800, which draws nothing either;
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
# Default_Ignorable_Code_Point (Unicode 15.1 DerivedCoreProperties.txt) that is not of a
# DROPPED category: unicodedata has no such property, so the ranges are listed here (the
# rest of the property is Cf or Cn, dropped by category).
_IGNORABLE_RANGES = (
    (0x034F, 0x034F),  # combining grapheme joiner (Mn)
    (0x115F, 0x1160),  # Hangul choseong and jungseong fillers (Lo)
    (0x17B4, 0x17B5),  # Khmer inherent vowels (Mn)
    (0x180B, 0x180D),  # Mongolian free variation selectors (Mn)
    (0x180F, 0x180F),  # Mongolian free variation selector four (Mn)
    (0x3164, 0x3164),  # Hangul filler (Lo)
    (0xFE00, 0xFE0F),  # variation selectors 1–16 (Mn)
    (0xFFA0, 0xFFA0),  # half-width Hangul filler (Lo)
    (0xE0100, 0xE01EF),  # variation selectors 17–256 (Mn)
)
# Not default-ignorable but drawing nothing all the same.
_BLANK = frozenset("\u2800")  # Braille pattern blank


def is_invisible(ch: str) -> bool:
    """Dropped from names: a default-ignorable code point (any category), or blank."""
    if unicodedata.category(ch) in DROPPED or ch in _BLANK:
        return True
    point = ord(ch)
    return any(lo <= point <= hi for lo, hi in _IGNORABLE_RANGES)


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
        elif is_invisible(ch):
            continue
        else:
            kept.append(ch)
    name = " ".join("".join(kept).split())
    if not name.strip():
        raise GameError("bad_name", _("Please enter a display name."))
    if not any(unicodedata.category(ch)[0] in VISIBLE_CATEGORIES for ch in name):
        raise GameError("bad_name", _("A display name needs at least one visible letter, digit or sign."))
    if len(name) > MAX_NAME:
        raise GameError("bad_name", _("A display name has at most %(max)s characters.") % {"max": MAX_NAME})
    return name


def name_key(name: str) -> str:
    """What two names are compared by: case-folded, then NFKC again, without invisible
    characters (Unicode's NFKC_Casefold, which also removes every default-ignorable code
    point, near enough for names). Names stored before a character was known to be
    invisible compare equal to their visible twin too."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())
    return "".join(ch for ch in folded if not is_invisible(ch))
