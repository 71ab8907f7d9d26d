#!/usr/bin/env bash
# Installs what building, running and testing Steward needs; idempotent and
# fast (about a second) when everything is already there.
#
#   scripts/setup.sh run    what `make run` needs: system build libraries,
#                           UI dependencies and a built UI (ui/dist)
#   scripts/setup.sh test   everything (default): also cargo-nextest,
#                           tauri-driver, PostgreSQL, Xvfb, D-Bus, gnome-keyring,
#                           schemathesis (API fuzzing, in a virtualenv)
#
# System packages come from apt (Debian 12); as non-root it uses sudo.
set -euo pipefail

MODE=${1:-test}
case "$MODE" in
  run | test) ;;
  -h | --help)
    sed -n '2,12p' "$0"
    exit 0
    ;;
  *)
    echo "usage: $0 [run|test]" >&2
    exit 2
    ;;
esac

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '==> setup(%s): %s\n' "$MODE" "$*"; }
die() {
  printf '\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n' >&2
  printf '!!! scripts/setup.sh %s FAILED: %s\n' "$MODE" "$*" >&2
  printf '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\n' >&2
  exit 1
}
trap 'die "command failed (line $LINENO): $BASH_COMMAND"' ERR

# Build and run the Tauri desktop app (see docs: PLATFORM facts).
RUN_PACKAGES=(
  build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev libgtk-3-dev
  libayatana-appindicator3-dev librsvg2-dev libsoup-3.0-dev
  libjavascriptcoregtk-4.1-dev libxdo-dev file curl
)
# Headless window, Secret Service keyring, WebDriver, PostgreSQL, screenshots,
# pdftotext (invoice PDFs are checked by a real extractor), xdg-open (the
# app opens the card page through it; e2e records the URL via $BROWSER).
# xauth must be named: without recommends xvfb-run lacks it.
TEST_PACKAGES=(
  xvfb xauth webkit2gtk-driver gnome-keyring dbus dbus-x11 libsecret-tools
  imagemagick postgresql poppler-utils xdg-utils python3 python3-venv
)

# ---------------------------------------------------------------- apt
packages=("${RUN_PACKAGES[@]}")
[[ "$MODE" == test ]] && packages+=("${TEST_PACKAGES[@]}")

if ! command -v dpkg-query >/dev/null 2>&1; then
  step "no dpkg-query (not Debian/Ubuntu?): skipping system packages; install the equivalents of: ${packages[*]}"
else
  missing=()
  for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
    [[ "$status" == installed ]] || missing+=("$p")
  done
  if ((${#missing[@]})); then
    step "installing system packages: ${missing[*]}"
    if ((EUID == 0)); then
      SUDO=()
    elif command -v sudo >/dev/null 2>&1; then
      SUDO=(sudo)
    else
      die "missing packages (${missing[*]}) and not root, no sudo: install them as root"
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${SUDO[@]}" apt-get update -q || die "apt-get update failed"
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      -o DPkg::Lock::Timeout=300 "${missing[@]}" ||
      die "apt-get install failed for: ${missing[*]}"
  else
    step "system packages present (${#packages[@]})"
  fi
fi

# ---------------------------------------------------------------- Rust tools
command -v cargo >/dev/null 2>&1 || die "cargo not found: install Rust with rustup (https://rustup.rs)"
for comp in rustfmt clippy; do
  if ! cargo "${comp/rustfmt/fmt}" --version >/dev/null 2>&1; then
    command -v rustup >/dev/null 2>&1 || die "cargo ${comp/rustfmt/fmt} missing and no rustup to add it"
    step "rustup component add $comp"
    rustup component add "$comp"
  fi
done

if [[ "$MODE" == test ]]; then
  if ! command -v cargo-nextest >/dev/null 2>&1; then
    step "installing cargo-nextest"
    cargo install cargo-nextest --locked
  fi
  if ! command -v tauri-driver >/dev/null 2>&1; then
    step "installing tauri-driver 2.x"
    cargo install tauri-driver --version '^2' --locked
  fi
  command -v WebKitWebDriver >/dev/null 2>&1 || die "WebKitWebDriver missing (package webkit2gtk-driver)"
  # API fuzzing (tests/tests/api_fuzz.rs), in its own virtualenv, pinned.
  SCHEMATHESIS_VERSION=4.32.5
  venv="${XDG_CACHE_HOME:-$HOME/.cache}/steward/schemathesis"
  if ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -qF "$SCHEMATHESIS_VERSION"; then
    step "installing schemathesis $SCHEMATHESIS_VERSION in $venv"
    python3 -m venv "$venv" || die "python3 -m venv failed (package python3-venv)"
    "$venv/bin/pip" install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" ||
      die "pip install schemathesis failed"
  fi
fi

# ---------------------------------------------------------------- UI
command -v node >/dev/null 2>&1 || die "node not found: install Node.js 20"
node_major=$(node -p 'process.versions.node.split(".")[0]')
((node_major >= 20)) || die "Node.js >= 20 needed, found $(node --version)"

if [[ ! -d ui/node_modules || ! -f ui/node_modules/.package-lock.json ||
  ui/package-lock.json -nt ui/node_modules/.package-lock.json ]]; then
  step "npm ci in ui/"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed in ui/"
else
  step "ui/node_modules up to date"
fi

# Rebuild ui/dist when missing or older than any UI source. The desktop crate
# embeds ui/dist at compile time: it must exist before any cargo build,
# test or clippy of the workspace.
ui_inputs=(ui/src ui/index.html ui/package-lock.json ui/package.json ui/vite.config.ts
  ui/svelte.config.js ui/tsconfig.json ui/public)
existing=()
for f in "${ui_inputs[@]}"; do [[ -e "$f" ]] && existing+=("$f"); done
stamp=ui/dist/index.html
if [[ ! -f "$stamp" ]]; then
  reason="ui/dist missing"
else
  newer=$(find "${existing[@]}" -newer "$stamp" -print -quit 2>/dev/null || true)
  reason=${newer:+"$newer is newer than ui/dist"}
fi
if [[ -n "$reason" ]]; then
  step "building the UI ($reason)"
  (cd ui && npm run build --silent) || die "npm run build failed in ui/"
  [[ -f "$stamp" ]] || die "npm run build produced no $stamp"
  touch "$stamp"
else
  step "ui/dist up to date"
fi

step "done"
