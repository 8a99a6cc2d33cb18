"""Screenshots kept as test artefacts (test-artifacts/screens/, gitignored) and the check
every screen must pass at every width: nothing scrolls sideways."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

ARTEFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screens"
PHONE = {"width": 360, "height": 740}
PROJECTOR = {"width": 1920, "height": 1080}


def overflow(page: Page) -> dict:
    """How far the page is wider than the window, and the widest elements sticking out."""
    return page.evaluate("""() => {
      const width = window.innerWidth, doc = document.documentElement.scrollWidth;
      const out = [];
      if (doc > width) {
        for (const node of document.querySelectorAll('body *')) {
          const r = node.getBoundingClientRect();
          if (r.right > width + 1 && r.width > 0 && getComputedStyle(node).position !== 'fixed') {
            out.push((node.id ? '#' + node.id : node.tagName.toLowerCase() + '.' + node.className).slice(0, 80)
                     + ' → ' + Math.round(r.right));
          }
        }
      }
      return {width, scrollWidth: doc, culprits: out.slice(0, 8)};
    }""")


def shoot(page: Page, name: str, *, full_page: bool = True) -> Path:
    """Save the screen and fail if it scrolls sideways (document wider than the window)."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTEFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    height = page.evaluate("() => document.documentElement.scrollHeight")
    width = page.viewport_size["width"]
    if full_page and width < 800:  # a long phone page, also in readable pieces
        for n, top in enumerate(range(0, min(height, 12_000), 1200)):
            page.screenshot(path=str(ARTEFACTS / f"{name}-part{n + 1}.png"), full_page=True,
                            clip={"x": 0, "y": top, "width": width, "height": min(1200, height - top)})
    found = overflow(page)
    assert found["scrollWidth"] <= found["width"], f"{name} scrolls sideways: {found}"
    return path
