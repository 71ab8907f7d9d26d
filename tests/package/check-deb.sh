#!/usr/bin/env bash
# Checks a Steward .deb (issue 9): its control fields and dependencies, the
# files it installs, and that the binary it installs into a scratch root
# finds every shared library it needs. Prints the size.
#
# Usage: tests/package/check-deb.sh path/to/Steward_<version>_amd64.deb
# Env:   STEWARD_DEB_SIZE_LIMIT  bytes the package must stay under (default
#        15000000, issue 8); empty skips the check (a debug build's package)
set -euo pipefail

deb=${1:?usage: $0 path/to/package.deb}
[[ -f "$deb" ]] || { echo "no such package: $deb" >&2; exit 1; }
fail=0
check() { # check <description> <command...>
  local what=$1
  shift
  if "$@" >/dev/null 2>&1; then
    printf '  ok    %s\n' "$what"
  else
    printf '  FAIL  %s\n' "$what"
    fail=1
  fi
}
field() { dpkg-deb -f "$deb" "$1"; }

echo "checking $deb"
check "Package is steward" test "$(field Package)" = steward
check "Version matches the workspace ($(field Version))" \
  grep -q "^version = \"$(field Version)\"" "$(dirname "$0")/../../Cargo.toml"
check "Architecture is $(dpkg --print-architecture)" test "$(field Architecture)" = "$(dpkg --print-architecture)"
depends=$(field Depends)
for dep in libwebkit2gtk-4.1-0 libgtk-3-0; do
  check "Depends on $dep" grep -qw -- "$dep" <<<"$depends"
done
check "has a description" test -n "$(field Description)"

# One path per line, without the leading "./" some builders write.
contents=$(dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's|^\./||')
for path in usr/bin/steward-desktop usr/share/applications/Steward.desktop \
  usr/share/icons/hicolor/32x32/apps/steward-desktop.png \
  usr/share/icons/hicolor/128x128/apps/steward-desktop.png \
  usr/share/icons/hicolor/512x512/apps/steward-desktop.png; do
  check "installs /$path" grep -qxF -- "$path" <<<"$contents"
done
# Icon themes look only in <n>x<n> folders (a "256x256@2" one is never read).
check "every icon is in a size folder icon themes read" \
  sh -c '! grep "^usr/share/icons/" | grep -vqE "^usr/share/icons/hicolor(/[0-9]+x[0-9]+(/apps(/steward-desktop\.png)?)?)?/?$"' <<<"$contents"

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
bin="$root/usr/bin/steward-desktop"
check "the binary is an executable ELF" sh -c "file -b '$bin' | grep -q 'ELF.*executable'"
missing=$(ldd "$bin" | grep 'not found' || true)
check "every shared library resolves${missing:+ (missing: $missing)}" test -z "$missing"
desktop="$root/usr/share/applications/Steward.desktop"
check "the desktop entry runs steward-desktop" grep -qx 'Exec=steward-desktop' "$desktop"
check "the desktop entry names the app" grep -qx 'Name=Steward' "$desktop"
check "the desktop entry has an icon" grep -qx 'Icon=steward-desktop' "$desktop"
if command -v desktop-file-validate >/dev/null 2>&1; then
  check "desktop-file-validate accepts the entry" desktop-file-validate "$desktop"
fi

bytes=$(stat -c %s "$deb")
printf 'size: %s bytes (%s MB); installed: %s KiB\n' "$bytes" \
  "$(awk -v b="$bytes" 'BEGIN { printf "%.2f", b / 1e6 }')" "$(field Installed-Size)"
limit=${STEWARD_DEB_SIZE_LIMIT-15000000}
if [[ -n "$limit" ]]; then
  check "the package is under $limit bytes" test "$bytes" -lt "$limit"
fi
exit "$fail"
