#!/usr/bin/env bash
# The e2e run's Secret Service (gnome-keyring), under the test's control, so
# a test can lock it, stop it or start it again behind the app's back.
# Runs inside run.sh's dbus-run-session with the scratch HOME.
#
#   keyring.sh start    start gnome-keyring-daemon with the login collection
#                       unlocked; wait until it owns org.freedesktop.secrets
#   keyring.sh stop     stop it; wait until nobody owns the name
#   keyring.sh restart  stop, then start (how a locked collection is unlocked
#                       here: the Secret Service's own Unlock needs a prompt)
#   keyring.sh lock     lock the login collection (Secret.Service.Lock)
#   keyring.sh locked   print true or false
#
# The daemon's PID is kept in $HOME/gnome-keyring.pid; its log is appended to
# $STEWARD_E2E_ARTIFACTS/gnome-keyring.log. Items persist across restarts
# (they are on disk under the scratch HOME).
set -euo pipefail

PASSWORD=steward-e2e
SECRETS=org.freedesktop.secrets
COLLECTION=/org/freedesktop/secrets/aliases/default
PIDFILE="$HOME/gnome-keyring.pid"
LOG="${STEWARD_E2E_ARTIFACTS:-$HOME}/gnome-keyring.log"

die() {
  printf '[keyring.sh] %s\n' "$*" >&2
  exit 1
}

owned() {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:$SECRETS 2>/dev/null | grep -q 'boolean true'
}

locked() {
  dbus-send --session --print-reply --dest=$SECRETS $COLLECTION \
    org.freedesktop.DBus.Properties.Get string:org.freedesktop.Secret.Collection string:Locked |
    grep -q 'boolean true' && echo true || echo false
}

start() {
  owned && die "a Secret Service is already running"
  # setsid: the daemon outlives this script; run.sh's cleanup stops every
  # process with the scratch HOME.
  printf '%s' "$PASSWORD" |
    setsid gnome-keyring-daemon --unlock --components=secrets --foreground >>"$LOG" 2>&1 &
  echo $! >"$PIDFILE"
  for _ in $(seq 200); do
    if owned; then
      [[ "$(locked)" == false ]] || die "started, but the login collection is locked"
      return 0
    fi
    kill -0 "$(cat "$PIDFILE")" 2>/dev/null || die "gnome-keyring-daemon exited: $(tail -5 "$LOG")"
    sleep 0.05
  done
  die "gnome-keyring-daemon did not own $SECRETS within 10 s"
}

stop() {
  [[ -f "$PIDFILE" ]] || die "no $PIDFILE: the keyring was not started by keyring.sh"
  kill -TERM "$(cat "$PIDFILE")" 2>/dev/null || true
  rm -f "$PIDFILE"
  for _ in $(seq 200); do
    owned || return 0
    sleep 0.05
  done
  die "$SECRETS still owned 10 s after stopping gnome-keyring-daemon"
}

lock() {
  dbus-send --session --print-reply --dest=$SECRETS /org/freedesktop/secrets \
    org.freedesktop.Secret.Service.Lock "array:objpath:$COLLECTION" >/dev/null
  [[ "$(locked)" == true ]] || die "Secret.Service.Lock returned but the collection is not locked"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) stop && start ;;
  lock) lock ;;
  locked) locked ;;
  *) die "usage: keyring.sh start|stop|restart|lock|locked" ;;
esac
