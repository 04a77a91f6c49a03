#!/usr/bin/env bash
# Runs the whole Vitest suite N times (default 5) while two busy loops hold both cores, the way a
# loaded CI machine would, and prints each run's pass/fail counts and a summary.
#   scripts/stress-tests.sh [runs]        e.g. nice scripts/stress-tests.sh 5
set -uo pipefail
cd "$(dirname "$0")/.."

runs="${1:-5}"
busy=()
stop_busy() {
  for pid in "${busy[@]}"; do kill "$pid" 2>/dev/null; done
}
trap stop_busy EXIT
# Stopping the script stops it, not just the current run.
trap 'exit 130' INT TERM

for _ in 1 2; do
  node -e 'for (;;);' &
  busy+=("$!")
done

failed_runs=0
total_failed=0
for run in $(seq 1 "$runs"); do
  report="$(mktemp)"
  npx vitest run --reporter=json --outputFile="$report" >/dev/null 2>&1
  code=$?
  counts="$(node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))
    // Each failure with the first lines of its message, so a rare one can be understood afterwards.
    const why = (t) => (t.failureMessages ?? []).join("\n").split("\n").slice(0, 3).map((l) => "      " + l.slice(0, 300)).join("\n")
    const failed = r.testResults.flatMap((f) => f.assertionResults.filter((t) => t.status === "failed").map((t) => `${f.name.replace(process.cwd() + "/", "")} > ${t.fullName}\n${why(t)}`))
    console.log(`${r.numPassedTests} ${r.numFailedTests}`)
    for (const name of failed) console.log(name)
  ' "$report" 2>/dev/null || echo "0 ?")"
  rm -f "$report"
  read -r passed failed <<<"$(head -n1 <<<"$counts")"
  echo "run $run/$runs: $passed passed, $failed failed (vitest exit $code)"
  tail -n +2 <<<"$counts" | sed 's/^\([^ ]\)/  failed: \1/'
  if [ "$code" -ne 0 ]; then
    failed_runs=$((failed_runs + 1))
    [[ "$failed" =~ ^[0-9]+$ ]] && total_failed=$((total_failed + failed))
  fi
done

echo "summary: $runs runs under two busy loops, $failed_runs with failures, $total_failed failed tests in all"
[ "$failed_runs" -eq 0 ]
