"""Pages anyone may open: join, the rules, the join QR code."""

from __future__ import annotations

import io
import re
from functools import lru_cache
from pathlib import Path

import markdown
import segno
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from game.consumers import session_key
from game.models.session import CODE_ALPHABET, CODE_LENGTH
from game.services.errors import GameError
from game.services.sessions import participant_join
from game.views.join_limits import check_join_attempt, record_join, record_join_refusal
from game.views.seated import seated_participant, unseated_key

RULES_FILE = Path(settings.BASE_DIR) / "docs" / "rules.md"
ZH_MARKER = "\n# Part 2"


def join_url(request: HttpRequest, code: str) -> str:
    """The link (and QR code) students use. PUBLIC_URL, when set, wins over the address
    the panel happens to be opened with (localhost on the instructor's laptop)."""
    path = reverse("join") + f"?code={code}"
    if settings.PUBLIC_URL:
        return settings.PUBLIC_URL.rstrip("/") + path
    return request.build_absolute_uri(path)


@require_http_methods(["GET", "POST"])
def join(request: HttpRequest) -> HttpResponse:
    code = (request.POST.get("code") or request.GET.get("code") or "").strip().upper()[:12]
    name = (request.POST.get("name") or "").strip()
    return_code = (request.POST.get("return_code") or "").strip().upper()[:12]
    error = error_code = None
    reclaim = bool(return_code)
    if request.method == "POST":
        try:
            check_join_attempt(request, code=code, return_code=return_code)
            participant = participant_join(code=code, display_name=name, return_code=return_code)
        except GameError as exc:
            error = exc.message
            reclaim = reclaim or bool(exc.params.get("reclaim"))
            record_join_refusal(request, code=code, error_code=exc.code)
        else:
            record_join(request, code=participant.session.code)
            request.session[session_key(participant.session.code)] = participant.token
            return redirect("play", code=participant.session.code)
    elif code and request.session.get(session_key(code)):
        # Only a browser still seated goes on to its game: the play page sends an unseated
        # one back here, and redirecting again looped until the browser gave up.
        if seated_participant(request, code) is not None:
            return redirect("play", code=code)
    if request.method == "GET" and code and request.session.pop(unseated_key(code), False):
        error_code = "not_seated"
    return render(request, "play/join.html", {"code": code, "name": name, "error": error, "error_code": error_code,
                                              "reclaim": reclaim, "return_code": return_code},
                  status=400 if error else 200)


@lru_cache(maxsize=4)
def _rules_html(mtime: float, language: str) -> str:
    text = RULES_FILE.read_text(encoding="utf-8")
    english, _, chinese = text.partition(ZH_MARKER)
    part = (ZH_MARKER.lstrip("\n") + chinese) if language.startswith("zh") and chinese else english
    return fold_sections(markdown.markdown(part, extensions=["tables", "toc", "sane_lists"]))


SECTION = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>', re.S)


def fold_sections(html: str) -> str:
    """A table of contents, then each section (h2) folded in a <details>: the whole page
    was 38,000 px tall on a phone. Opening a link of the contents unfolds its section
    (templates/rules.html)."""
    heads = list(SECTION.finditer(html))
    if not heads:
        return html
    out = [html[:heads[0].start()], '<nav class="rules-toc" aria-labelledby="rules-toc-title">',
           f'<h2 id="rules-toc-title">{escape(gettext("Contents"))}</h2><ul>']
    out += [f'<li><a href="#{m.group(1)}">{m.group(2)}</a></li>' for m in heads]
    out.append("</ul></nav>")
    for n, m in enumerate(heads):
        end = heads[n + 1].start() if n + 1 < len(heads) else len(html)
        out.append(f'<details class="rules-section" id="{m.group(1)}"><summary><h2>{m.group(2)}</h2></summary>'
                   f'{html[m.end():end]}</details>')
    return "".join(out)


def rules(request: HttpRequest) -> HttpResponse:
    html = _rules_html(RULES_FILE.stat().st_mtime, translation.get_language() or "zh-hans")
    return render(request, "rules.html", {"rules_html": html})


WELL_FORMED_CODE = re.compile(f"[{CODE_ALPHABET}]{{{CODE_LENGTH}}}")


def qr(request: HttpRequest, code: str) -> HttpResponse:
    """The QR of the join link for any well-formed code, without looking the code up: an
    answer that differed for a real code was an oracle that bypassed the wrong-code limit
    (docs/deploy.md §15). Only the shape of the code is checked, which reveals nothing."""
    code = code.upper()
    if not WELL_FORMED_CODE.fullmatch(code):
        return HttpResponse(status=404)
    buffer = io.BytesIO()
    # A standalone SVG document (with its namespace) so browsers draw it in an <img>.
    segno.make(join_url(request, code), error="m").save(buffer, kind="svg", xmldecl=False, scale=8,
                                                                border=2)
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
