# Sourced by the scripts: a project virtual environment with claimline installed (and extras).
# Usage: ensure_venv [extra]
ensure_venv() {
  local extra="${1:-}"
  local py="${PYTHON:-}"
  if [ -z "$py" ]; then
    for candidate in python3.11 python3 python; do
      if command -v "$candidate" >/dev/null 2>&1; then py="$candidate"; break; fi
    done
  fi
  if [ ! -x .venv/bin/python ]; then
    "$py" -m venv .venv
    .venv/bin/python -m pip install --quiet --upgrade pip
  fi
  local spec="."
  [ -n "$extra" ] && spec=".[$extra]"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$spec"
}

# The browser tests (pytest-playwright, tests/web/test_browser.py and the HTML export's) drive
# Debian's Chromium at /usr/bin/chromium; Playwright's own browser download is never used.
ensure_chromium() {
  if command -v chromium >/dev/null 2>&1; then return 0; fi
  if command -v apt-get >/dev/null 2>&1; then
    local sudo=""
    [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo="sudo"
    echo "installing Debian's chromium for the browser tests (apt-get)" >&2
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null \
      && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null \
      || echo "could not install chromium; the browser tests will say so" >&2
  fi
}
