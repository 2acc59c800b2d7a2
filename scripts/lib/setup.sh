# Shared set-up for scripts/start and scripts/test: system packages (Debian/Ubuntu, only those
# missing), a virtual environment in .venv, and the Python dependencies (only when pyproject.toml
# changed). Source it; it defines `setup_system` and `setup_python`.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VENV="$ROOT/.venv"

# What Qt needs to start offscreen and to show Chinese, per the stack notes.
QT_PACKAGES="libgl1 libegl1 libfontconfig1 libfreetype6 libglib2.0-0 libxkbcommon0 libx11-6 libdbus-1-3 fonts-noto-cjk fonts-arphic-ukai"
# A real window under Xvfb additionally needs these.
XVFB_PACKAGES="xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0"
# Rendering documents to check them (tests) and .pdf/.odt export; binutils for PyInstaller.
DOC_PACKAGES="libreoffice-writer-nogui poppler-utils binutils python3-uno"
# The tests start a throw-away PostgreSQL cluster of their own (tests/pg_server.py); pg_trgm is in it.
DB_PACKAGES="postgresql"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

setup_system() {
  # usage: setup_system PACKAGE...   (installs only what dpkg says is missing)
  command -v dpkg-query >/dev/null 2>&1 || { say "不是 Debian/Ubuntu：請自行安裝 Qt 與中文字型所需的套件。"; return 0; }
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      say "缺少系統套件：${missing[*]}；請以 root 執行 apt-get install -y ${missing[*]}"; return 1
    fi
  fi
  say "安裝系統套件：${missing[*]}"
  local clusters_before
  clusters_before=$(pg_lsclusters -h 2>/dev/null | awk '{print $1 "/" $2}' || true)
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Installing the server makes and starts a default cluster; the tests start their own, so a
  # cluster this install made is removed (one that was there before is never touched).
  if command -v pg_lsclusters >/dev/null 2>&1; then
    pg_lsclusters -h 2>/dev/null | while read -r version name _rest; do
      if ! printf '%s\n' "$clusters_before" | grep -qx "$version/$name"; then
        $sudo pg_dropcluster --stop "$version" "$name" || true
      fi
    done
  fi
}

setup_python() {
  # usage: setup_python EXTRAS   (e.g. "test"); creates .venv and installs the project editable
  local python=${PYTHON:-python3}
  if [ ! -x "$VENV/bin/python" ]; then
    say "建立虛擬環境 .venv"
    "$python" -m venv "$VENV" || { say "無法建立虛擬環境：請安裝 python3-venv（Python 3.11）。"; return 1; }
  fi
  local stamp="$VENV/.installed-$1" want
  want=$(cat "$ROOT/pyproject.toml" | sha256sum | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    say "安裝 Python 套件（第一次約需 1–2 分鐘）"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e "$ROOT[$1]"
    echo "$want" > "$stamp"
  fi
}
