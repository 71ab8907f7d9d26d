#!/usr/bin/env bash
# Regenerates the README's screenshots from the desktop end-to-end run, so
# they always show the current console: runs tests/e2e/run.sh (the real app
# under Xvfb), then copies every image the README shows from the run's
# artifacts into docs/screenshots. Fails, copying nothing, if the README
# shows an image the run did not take.
#
# Usage: scripts/screenshots.sh      (make screenshots)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
artifacts=tests/e2e/artifacts

tests/e2e/run.sh

mapfile -t shown < <(grep -o 'docs/screenshots/[a-z0-9-]*\.png' README.md | sort -u)
missing=()
for path in "${shown[@]}"; do
  [[ -f "$artifacts/$(basename "$path")" ]] || missing+=("$(basename "$path")")
done
if ((${#missing[@]})); then
  echo "the e2e run took no ${missing[*]}: add a screenshot() for it or drop it from the README" >&2
  exit 1
fi
for path in "${shown[@]}"; do
  cp "$artifacts/$(basename "$path")" "$path"
done
echo "updated ${#shown[@]} screenshots in docs/screenshots"
