# Shared by scripts/demo and scripts/test: create .venv and install the project when needed.
# Usage: ensure_venv [EXTRAS]   (EXTRAS such as "dev"; installs only when pyproject.toml changed)

ensure_venv() {
  local extras="${1:-}"
  local python="${PYTHON:-}"
  if [ -z "$python" ]; then
    for candidate in python3.11 python3.12 python3; do
      if command -v "$candidate" >/dev/null 2>&1; then python="$candidate"; break; fi
    done
  fi
  if [ -z "$python" ]; then
    echo "Python 3.11 or 3.12 is needed; none was found on PATH." >&2
    return 1
  fi
  if ! "$python" -c 'import sys; sys.exit(not ((3, 11) <= sys.version_info[:2] < (3, 13)))'; then
    echo "$python is $("$python" --version 2>&1); Python 3.11 or 3.12 is needed (set PYTHON=...)." >&2
    return 1
  fi
  if [ ! -x .venv/bin/python ]; then
    echo "Creating the virtual environment in .venv"
    "$python" -m venv .venv
  fi
  local spec="."
  [ -n "$extras" ] && spec=".[$extras]"
  local stamp
  stamp=".venv/.installed-$(cat pyproject.toml | sha256sum | cut -c1-16)-${extras:-base}"
  if [ ! -f "$stamp" ]; then
    echo "Installing $spec into .venv"
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e "$spec"
    touch "$stamp"
  fi
}
