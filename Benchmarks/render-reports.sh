#!/usr/bin/env bash
# Builds the demo's audit reports (docs/audit.md) and renders them to PNG with headless Chromium,
# so a person can look at them before a release:
#
#   solve.html            wre solve (active-set) of the demo, with its SVG figures
#   solve-alternating.html  the alternating solve: adds the process figure
#   not-converged.html    an alternating solve stopped after 2 rounds: labelled NOT an equilibrium
#   compare.html          wre compare in every mode
#   report.html           a saved wre-result/1 through wre report
#   large.html            a planted instance of 20000 judgments (largest 50 + distribution)
#   consensus.html        the consensus map of a synthetic stakeholder run (a test fixture)
#
# Usage: Benchmarks/render-reports.sh [OUT_DIR]   (default .build/reports)
# Installs Debian's chromium with apt-get when it is missing. PNGs are not committed.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-"$root/.build/reports"}
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$root"

echo "building wre (debug)…" >&2
swift build --product wre >&2
wre="$root/.build/debug/wre"

# wre exits 1 for a run that did not converge (the report is still written): allow it where meant.
run() { "$@" > /dev/null || { code=$?; [ "$code" -eq 1 ] || exit "$code"; }; }

"$wre" demo --export "$out/demo.json" > /dev/null
run "$wre" solve "$out/demo.json" --html "$out/solve.html" --svg "$out/svg-solve"
run "$wre" solve "$out/demo.json" --solver alternating --html "$out/solve-alternating.html" --svg "$out/svg-alternating"
run "$wre" solve "$out/demo.json" --solver alternating --max-iterations 2 --html "$out/not-converged.html" --svg "$out/svg-not-converged" 2> /dev/null
run "$wre" compare "$out/demo.json" --html "$out/compare.html" --svg "$out/svg-compare"
run "$wre" solve "$out/demo.json" --json --output "$out/result.json"
run "$wre" report "$out/result.json" --problem "$out/demo.json" --html "$out/report.html" --svg "$out/svg-report"
if [ ! -f "$out/large/problem.json" ]; then
  "$wre" generate --judgments 20000 --principles 100 --theories 10 --seed 3 --output "$out/large" > /dev/null
fi
run "$wre" solve "$out/large/problem.json" --no-certificate --html "$out/large.html" --svg "$out/svg-large"

echo "writing the consensus fixture (swift test --filter writeFixture)…" >&2
WRE_AUDIT_FIXTURES="$out" swift test --filter "ConsensusReportTests/writeFixture" > /dev/null

if ! command -v chromium > /dev/null; then
  echo "installing chromium (apt-get)…" >&2
  apt-get install -y chromium > /dev/null
fi

# One PNG per page (1200 px wide, tall enough for the longest page) and per standalone SVG.
shoot() { chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --screenshot="$2" --window-size="$3" "file://$1" > /dev/null 2>&1; }
for page in solve solve-alternating not-converged compare report large consensus; do
  shoot "$out/$page.html" "$out/$page.png" 1200,3600
done
for svg in "$out"/svg-*/*.svg; do
  shoot "$svg" "${svg%.svg}.png" 800,900
done
ls -1 "$out"/*.png "$out"/svg-*/*.png
echo "reports and PNGs in $out" >&2
