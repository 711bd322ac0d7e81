#!/usr/bin/env bash
# Makes sure the browser tests (TasklistBrowserIT) find Debian's headless Chromium and its driver:
#   /usr/bin/chromium and /usr/bin/chromedriver (packages chromium and chromium-driver).
# Does nothing when both exist. As root it installs them with apt-get; otherwise it only says what to install and
# exits 0, and the test then fails with the same advice (a browser test is never skipped silently).
set -euo pipefail

CHROMIUM=/usr/bin/chromium
CHROMEDRIVER=/usr/bin/chromedriver

if [[ -x "$CHROMIUM" && -x "$CHROMEDRIVER" ]]; then
    exit 0
fi

missing=()
[[ -x "$CHROMIUM" ]] || missing+=("$CHROMIUM (package chromium)")
[[ -x "$CHROMEDRIVER" ]] || missing+=("$CHROMEDRIVER (package chromium-driver)")

if [[ "$(id -u)" -ne 0 ]]; then
    echo "ensure-chromium: missing ${missing[*]}." >&2
    echo "ensure-chromium: not root, so not installing. Run: sudo apt-get install chromium chromium-driver" >&2
    exit 0
fi

echo "ensure-chromium: missing ${missing[*]}; installing chromium chromium-driver with apt-get" >&2
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver

if [[ ! -x "$CHROMIUM" || ! -x "$CHROMEDRIVER" ]]; then
    echo "ensure-chromium: apt-get finished but $CHROMIUM or $CHROMEDRIVER is still missing" >&2
    exit 1
fi
echo "ensure-chromium: $("$CHROMIUM" --version 2>/dev/null || true); $("$CHROMEDRIVER" --version 2>/dev/null || true)" >&2
