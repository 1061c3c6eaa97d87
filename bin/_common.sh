# Shared by bin/serve and bin/test.
VENV="${VENV:-.venv}"
PY="$VENV/bin/python"
PIP="$VENV/bin/pip"

log() { printf '\n==> %s\n' "$*"; }

ensure_venv() {
  if [ ! -x "$PY" ]; then
    local python="${PYTHON:-python3}"
    if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "Python 3.11 or newer is needed (set PYTHON=/path/to/python3.11)." >&2
      exit 1
    fi
    log "Creating the virtual environment in $VENV"
    "$python" -m venv "$VENV"
  fi
}

# Compiled catalogues are built, never committed. GNU gettext provides msgfmt.
compile_messages() {
  [ -n "$(find memorial -name '*.po' -print -quit)" ] || return 0
  if ! command -v msgfmt >/dev/null 2>&1; then
    install_debian_packages gettext || true
  fi
  if command -v msgfmt >/dev/null 2>&1; then
    DJANGO_DEBUG=true "$PY" manage.py compilemessages --ignore "$VENV" --ignore node_modules -v0
  else
    echo "GNU gettext (msgfmt) is missing: pages will be shown in English only." >&2
  fi
}

install_debian_packages() {
  command -v apt-get >/dev/null 2>&1 || return 1
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || return 1
    sudo="sudo"
  fi
  log "Installing Debian packages: $*"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# Browser tests drive Debian's Chromium; Playwright never downloads a browser here.
ensure_chromium() {
  export CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium || command -v chromium-browser || echo /usr/bin/chromium)}"
  if [ ! -x "$CHROMIUM_PATH" ]; then
    install_debian_packages chromium || true
    CHROMIUM_PATH="$(command -v chromium || echo /usr/bin/chromium)"
  fi
  if [ ! -x "$CHROMIUM_PATH" ]; then
    if [ -n "${CI:-}" ]; then
      echo "Chromium is required in CI and could not be installed." >&2
      exit 1
    fi
    echo "Chromium not found: browser tests will be skipped (set CHROMIUM_PATH)." >&2
  fi
}

# The cache tests start Redis servers of their own (never the machine's).
ensure_redis_server() {
  command -v redis-server >/dev/null 2>&1 || install_debian_packages redis-server || true
}

# The W3C Nu Html Checker (npm vnu-jar) runs on Java; Debian's headless JRE when missing.
ensure_java() {
  command -v java >/dev/null 2>&1 || install_debian_packages default-jre-headless || true
  if ! command -v java >/dev/null 2>&1; then
    if [ -n "${CI:-}" ]; then
      echo "Java is required in CI for the HTML checker and could not be installed." >&2
      exit 1
    fi
    echo "Java not found: the HTML validity tests will be skipped." >&2
  fi
}
