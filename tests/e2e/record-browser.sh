#!/bin/sh
# The "system browser" of the e2e run. The app opens pages with xdg-open,
# which hands them to $BROWSER; this one only writes the URL down, and the
# test, playing the person at the browser, loads it over HTTP.
printf '%s\n' "$1" >>"${STEWARD_E2E_OPENED:?}"
