#!/usr/bin/env bash
# Runs Steward's test stages in order, stopping at the first failure, with a
# banner and a duration per stage and a summary at the end.
#
#   scripts/test.sh                 all stages
#   scripts/test.sh nextest ui      only the named stages (in the order given)
#
# Stages: nextest, drift, ui, e2e, package. Expects `scripts/setup.sh test` to have
# run (`make test` does both).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"

# CI must never skip the PostgreSQL tests, whatever the environment says.
if [[ -n "${CI:-}" ]]; then
  unset STEWARD_ALLOW_SKIP_PG
fi

# nextest comes first: its ts-rs export tests regenerate the TypeScript
# bindings and its api_contract test compares docs/openapi.json with the code,
# so the drift stage after it only compares (no second build).
ALL_STAGES=(nextest drift ui e2e package)

ran_nextest=''
stage_drift() {
  if [[ -n "$ran_nextest" ]]; then
    make --no-print-directory drift-diff
  else
    make --no-print-directory check-drift
  fi
}
stage_nextest() {
  # Stages run under `set +e`: return the test run's own status.
  cargo nextest run --workspace --no-fail-fast --profile ci || return
  ran_nextest=1
}
stage_ui() {
  (cd ui && npm run check && npm test)
}
stage_e2e() { tests/e2e/run.sh; }
stage_package() {
  # The debug build the e2e stage made, bundled the way `make package`
  # bundles the release one, and checked the same way except for its size
  # (a debug binary is ten times larger; `make package` checks the limit).
  (cd ui && TAURI_APP_PATH=.. ./node_modules/.bin/tauri build --debug --bundles deb,rpm) || return
  local target=${CARGO_TARGET_DIR:-$ROOT/target}
  STEWARD_DEB_SIZE_LIMIT='' tests/package/check-deb.sh "$(ls -t "$target"/debug/bundle/deb/*.deb | head -n1)" || return
  STEWARD_RPM_SIZE_LIMIT='' tests/package/check-rpm.py "$(ls -t "$target"/debug/bundle/rpm/*.rpm | head -n1)"
}

describe() {
  case "$1" in
    drift) echo "generated files (TS bindings, OpenAPI) match the committed copies" ;;
    nextest) echo "cargo nextest run --workspace --profile ci" ;;
    ui) echo "UI: npm run check && npm test" ;;
    e2e) echo "desktop end-to-end (tests/e2e/run.sh)" ;;
    package) echo "the .deb and .rpm: tauri build --debug --bundles deb,rpm, then tests/package/check-deb.sh and check-rpm.py" ;;
  esac
}

stages=("$@")
((${#stages[@]})) || stages=("${ALL_STAGES[@]}")
for s in "${stages[@]}"; do
  [[ " ${ALL_STAGES[*]} " == *" $s "* ]] || {
    echo "unknown stage '$s' (known: ${ALL_STAGES[*]})" >&2
    exit 2
  }
done

fmt_secs() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

summary=()
print_summary() {
  echo
  echo "==================== test summary ===================="
  local line
  for line in "${summary[@]}"; do echo "  $line"; done
  echo "======================================================"
}

total_start=$SECONDS
n=${#stages[@]}
i=0
for s in "${stages[@]}"; do
  i=$((i + 1))
  echo
  echo "######################################################################"
  echo "### [$i/$n] $s: $(describe "$s")"
  echo "######################################################################"
  start=$SECONDS
  set +e
  "stage_$s"
  rc=$?
  set -e
  took=$((SECONDS - start))
  if ((rc != 0)); then
    summary+=("FAIL  $s  $(fmt_secs "$took")  (exit $rc)")
    for rest in "${stages[@]:i}"; do summary+=("skip  $rest"); done
    print_summary
    echo
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
    echo "!!! FAILED at stage [$i/$n] $s after $(fmt_secs "$took") (exit $rc)"
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
    exit "$rc"
  fi
  summary+=("ok    $s  $(fmt_secs "$took")")
  echo "--- [$i/$n] $s ok in $(fmt_secs "$took")"
done
summary+=("total $(fmt_secs $((SECONDS - total_start)))")
print_summary
