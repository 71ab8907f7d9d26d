#!/usr/bin/env bash
# Desktop end-to-end tests: builds the app, then runs `node --test tests/e2e/`
# against it through tauri-driver, inside
#   Xvfb (a free display) > dbus-run-session > unlocked gnome-keyring,
# with HOME (and XDG_*) pointing at a scratch dir, so the app's data, config
# and keyring start empty and are shared by every launch of this run (a new
# WebDriver session = an app restart). Every process is cleaned up on exit.
#
# Usage: tests/e2e/run.sh [extra node --test args]
# Env:   STEWARD_E2E_NO_BUILD=1   skip `cargo build -p steward-desktop`
#        STEWARD_APP_BINARY=PATH  the app to drive (default target/debug/steward-desktop)
#        STEWARD_E2E_KEEP=1       keep the scratch HOME (path is printed)
#        STEWARD_E2E_TIMEOUT=900  overall limit for the node run, seconds
#        STEWARD_E2E_SCRIPT=FILE  run this node script instead of the tests
# Artifacts (screenshots, page sources on failure, driver/keyring logs):
#        tests/e2e/artifacts/
set -euo pipefail

log() { printf '[e2e] %s\n' "$*"; }
die() {
  printf '\n[e2e] ERROR: %s\n' "$*" >&2
  exit 1
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# --------------------------------------------------------------------------
# Inner part: runs inside dbus-run-session with the scratch HOME.
# --------------------------------------------------------------------------
if [[ "${1:-}" == "--inner" ]]; then
  shift
  cd "$ROOT"
  : "${STEWARD_E2E_ARTIFACTS:?}" "${STEWARD_APP_BINARY:?}"
  driver_pid=''
  # shellcheck disable=SC2317 # invoked by the EXIT trap
  inner_cleanup() {
    if [[ -n "$driver_pid" ]]; then
      kill -TERM "$driver_pid" 2>/dev/null || true
      wait "$driver_pid" 2>/dev/null || true
    fi
    [[ ! -f "$HOME/gnome-keyring.pid" ]] || "$ROOT/tests/e2e/keyring.sh" stop || true
  }
  trap inner_cleanup EXIT

  # Pages the app opens in "the browser" (the vault's card page) are
  # recorded for the test instead (record-browser.sh). Exported before
  # tauri-driver starts: the app inherits its environment.
  export BROWSER="$ROOT/tests/e2e/record-browser.sh"
  export STEWARD_E2E_OPENED="$HOME/opened-urls.txt"
  # "Download my data" saves here instead of asking in the system's save
  # dialog, which WebDriver cannot operate (src-tauri/src/privacy.rs).
  export STEWARD_SAVE_DIALOG_DIR="$HOME/saved"
  mkdir -p "$STEWARD_SAVE_DIALOG_DIR"
  # The console looks for new notices every few seconds instead of minutes,
  # so the notification test does not wait (src-tauri/src/alerts.rs).
  export STEWARD_ALERT_SECS=3

  # The Secret Service: gnome-keyring with an unlocked login collection,
  # started (and, by the fault tests, locked, stopped, restarted) by keyring.sh.
  "$ROOT/tests/e2e/keyring.sh" start
  printf probe | secret-tool store --label='steward e2e probe' steward-e2e probe ||
    die "cannot store in the keyring (is the login collection unlocked?)"
  [[ "$(secret-tool lookup steward-e2e probe)" == probe ]] || die "keyring probe read back wrong"
  secret-tool clear steward-e2e probe
  log "keyring unlocked on $DBUS_SESSION_BUS_ADDRESS"

  free_port() {
    node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
  }
  port=$(free_port)
  native_port=$(free_port)
  while [[ "$native_port" == "$port" ]]; do native_port=$(free_port); done

  tauri-driver --port "$port" --native-port "$native_port" >"$STEWARD_E2E_ARTIFACTS/tauri-driver.log" 2>&1 &
  driver_pid=$!
  export STEWARD_WEBDRIVER_URL="http://127.0.0.1:$port"
  ready=''
  for _ in $(seq 150); do
    kill -0 "$driver_pid" 2>/dev/null || die "tauri-driver exited: $(tail -20 "$STEWARD_E2E_ARTIFACTS/tauri-driver.log")"
    if node -e 'fetch(process.argv[1]+"/status",{signal:AbortSignal.timeout(1000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' \
      "$STEWARD_WEBDRIVER_URL"; then
      ready=1
      break
    fi
    sleep 0.2
  done
  [[ -n "$ready" ]] || die "tauri-driver not ready on $STEWARD_WEBDRIVER_URL after 30 s: $(tail -20 "$STEWARD_E2E_ARTIFACTS/tauri-driver.log")"
  log "tauri-driver ready on $STEWARD_WEBDRIVER_URL (native WebKitWebDriver on $native_port)"

  set +e
  if [[ -n "${STEWARD_E2E_SCRIPT:-}" ]]; then
    # A plain script in the same environment (make bench's console rows).
    timeout --kill-after=10 "${STEWARD_E2E_TIMEOUT:-900}" node "$STEWARD_E2E_SCRIPT" "$@"
  else
    # One file at a time: every file drives the same app, HOME and keyring.
    timeout --kill-after=10 "${STEWARD_E2E_TIMEOUT:-900}" node --test --test-concurrency=1 "$@" tests/e2e/
  fi
  rc=$?
  set -e
  [[ $rc == 124 ]] && log "node --test exceeded STEWARD_E2E_TIMEOUT=${STEWARD_E2E_TIMEOUT:-900}s"
  exit "$rc"
fi

# --------------------------------------------------------------------------
# Outer part: checks, build, Xvfb, scratch HOME; then the inner part.
# --------------------------------------------------------------------------
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"

missing=()
for tool in cargo node Xvfb dbus-run-session dbus-send gnome-keyring-daemon secret-tool setsid tauri-driver WebKitWebDriver timeout xdg-open pdftotext; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
((${#missing[@]} == 0)) || die "missing: ${missing[*]} — run scripts/setup.sh test"
node_major=$(node -p 'process.versions.node.split(".")[0]')
((node_major >= 20)) || die "Node >= 20 needed (node:test, fetch); found $(node --version)"

target_dir=${CARGO_TARGET_DIR:-$ROOT/target}
export STEWARD_APP_BINARY="${STEWARD_APP_BINARY:-$target_dir/debug/steward-desktop}"
if [[ "${STEWARD_E2E_NO_BUILD:-}" != 1 ]]; then
  [[ -f ui/dist/index.html ]] || die "ui/dist is missing: build the UI first (scripts/setup.sh test)"
  log "building the desktop app (cargo build -p steward-desktop)"
  cargo build -p steward-desktop
fi
[[ -x "$STEWARD_APP_BINARY" ]] || die "no app binary at $STEWARD_APP_BINARY"

export STEWARD_E2E_ARTIFACTS="$ROOT/tests/e2e/artifacts"
mkdir -p "$STEWARD_E2E_ARTIFACTS"
rm -f "$STEWARD_E2E_ARTIFACTS"/*.png "$STEWARD_E2E_ARTIFACTS"/*.html "$STEWARD_E2E_ARTIFACTS"/*.log

scratch=$(mktemp -d "${TMPDIR:-/tmp}/steward-e2e.XXXXXX")
scratch_home="$scratch/home"
mkdir -p "$scratch_home" "$scratch/run"
chmod 700 "$scratch/run"
xvfb_pid=''

# Processes whose environment has our scratch HOME: exactly the ones this run
# started (dbus-daemon, gnome-keyring, tauri-driver, WebKitWebDriver, the app
# and its WebKit helpers), never anything else on the machine.
our_pids() {
  local d
  for d in /proc/[0-9]*; do
    if { tr '\0' '\n' <"$d/environ"; } 2>/dev/null | grep -qxF "HOME=$scratch_home"; then
      echo "${d#/proc/}"
    fi
  done
}

cleanup() {
  local rc=$? pids
  trap - EXIT INT TERM
  pids=$(our_pids)
  if [[ -n "$pids" ]]; then
    log "stopping leftover processes: $(echo "$pids" | tr '\n' ' ')"
    # shellcheck disable=SC2086 # one PID per word
    kill -TERM $pids 2>/dev/null || true
    sleep 2
    pids=$(our_pids)
    # shellcheck disable=SC2086
    [[ -z "$pids" ]] || kill -KILL $pids 2>/dev/null || true
  fi
  if [[ -n "$xvfb_pid" ]]; then
    kill -TERM "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
  fi
  if [[ "${STEWARD_E2E_KEEP:-}" == 1 ]]; then
    log "kept scratch dir $scratch"
  else
    rm -rf "$scratch"
  fi
  if ((rc != 0)); then
    log "FAILED (exit $rc); artifacts and logs in $STEWARD_E2E_ARTIFACTS:"
    find "$STEWARD_E2E_ARTIFACTS" -maxdepth 1 -type f -printf '[e2e]   %f\n' 2>/dev/null | sort
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Xvfb picks a free display itself and writes its number to fd 3 when ready.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$scratch/display" >"$STEWARD_E2E_ARTIFACTS/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do
  [[ -s "$scratch/display" ]] && break
  kill -0 "$xvfb_pid" 2>/dev/null || die "Xvfb exited: $(tail -5 "$STEWARD_E2E_ARTIFACTS/xvfb.log")"
  sleep 0.1
done
[[ -s "$scratch/display" ]] || die "Xvfb did not report a display within 10 s"
display=":$(tr -dc '0-9' <"$scratch/display")"
log "Xvfb on $display; scratch HOME $scratch_home; app $STEWARD_APP_BINARY"

# The session bus: the stock config minus service directories, so nothing is
# D-Bus-activated. A keyring a test stopped stays stopped (otherwise the bus
# would start a fresh, locked one at the app's first call).
cat >"$scratch/session-bus.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:dir=$scratch/run</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF

# The app, tauri-driver and the keyring all see only the scratch HOME.
# NO_AT_BRIDGE: no accessibility bridge in the app's GTK (WebKit may still
# start an a11y bus; harmless).
# Do NOT set WEBKIT_DISABLE_COMPOSITING_MODE=1 here: measured with WebKitGTK
# 2.50 + WebKitWebDriver, it makes GET /screenshot hang (>60 s) on a page that
# is not repainting.
env -u WAYLAND_DISPLAY -u DBUS_SESSION_BUS_ADDRESS \
  HOME="$scratch_home" \
  XDG_RUNTIME_DIR="$scratch/run" \
  XDG_DATA_HOME="$scratch_home/.local/share" \
  XDG_CONFIG_HOME="$scratch_home/.config" \
  XDG_CACHE_HOME="$scratch_home/.cache" \
  DISPLAY="$display" \
  GDK_BACKEND=x11 \
  NO_AT_BRIDGE=1 \
  dbus-run-session --config-file="$scratch/session-bus.conf" -- bash "${BASH_SOURCE[0]}" --inner "$@"
