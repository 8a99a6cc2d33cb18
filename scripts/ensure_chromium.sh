#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (never `playwright install`, which cannot
# download here). Install it when missing; without root, the e2e tests say they skip.
set -euo pipefail
ensure_cjk_font() {
    # Without a CJK font every Chinese glyph in a screenshot is a box (docs: STACK-NOTES).
    if command -v fc-list >/dev/null && fc-list :lang=zh | grep -q .; then return 0; fi
    if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null; then return 0; fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q fonts-wqy-microhei >/dev/null 2>&1 \
        || { apt-get update -q >/dev/null && apt-get install -y -q fonts-wqy-microhei >/dev/null; } || true
}
if [ -x /usr/bin/chromium ]; then
    ensure_cjk_font
    exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null; then
    echo "ensure_chromium: /usr/bin/chromium is missing and cannot be installed here; browser tests will skip" >&2
    exit 0
fi
echo "ensure_chromium: installing Debian's chromium (about 120 MB)…" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q chromium >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }
/usr/bin/chromium --version >&2 || true
ensure_cjk_font
