#!/usr/bin/env bash
# Print the path of a usable `uv`, installing it from PyPI first if the machine has none.
# Tries, in order: uv on PATH, a user install, a project-local tool venv (.tools/uv).
set -euo pipefail
for candidate in "$(command -v uv || true)" "$HOME/.local/bin/uv" ".tools/uv/bin/uv"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then
    echo "$candidate"
    exit 0
  fi
done
echo "uv not found: installing it from PyPI into .tools/uv" >&2
python3 -m venv .tools/uv >&2 2>/dev/null || python3 -m venv --without-pip .tools/uv >&2
if [ ! -x .tools/uv/bin/pip ]; then
  # Debian's python3 without python3-venv's ensurepip: fall back to a user install.
  rm -rf .tools/uv
  python3 -m pip install --user --quiet uv >&2 \
    || python3 -m pip install --user --quiet --break-system-packages uv >&2
  echo "$HOME/.local/bin/uv"
  exit 0
fi
.tools/uv/bin/pip install --quiet uv >&2
echo ".tools/uv/bin/uv"
