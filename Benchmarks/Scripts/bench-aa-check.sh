#!/usr/bin/env bash
# A/A check of `verify bench --compare`, on this machine. Saves a baseline of a document,
# then, RUNS times each (default 10):
#   unchanged  compares the same document with its baseline;
#   cosmetic   compares a copy with a comment added to every snippet, so that every
#              series counts as changed and is measured in alternation with the
#              baseline's code: the path a real change takes through the statistics.
# Any run exiting 2 (regression) is a false alarm. Finally a copy whose range() bounds
# are doubled must exit 2. Exits 1 on a false alarm or a missed regression.
#
#   Benchmarks/Scripts/bench-aa-check.sh [DOCUMENT] [RUNS] [-- extra verify bench options]
set -uo pipefail
cd "$(dirname "$0")/../.."
document="$(realpath "${1:-Fixtures/bench.md}")"
runs="${2:-10}"
shift $(( $# > 2 ? 2 : $# ))
[ "${1:-}" = "--" ] && shift
swift build --product verify >/dev/null && swift build --product verify-worker >/dev/null || exit 1
verify="$PWD/.build/debug/verify"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
cp "$document" original.md

describe() {
  python3 -c "
import json, sys
r = json.load(open(sys.argv[1]))
print(', '.join('%s %s %.3f' % (c['series'].split('#')[-1], c['verdict'], c.get('ratio') or 0) for c in r['comparison']['series']),
      '· load %.2f' % r['environment']['loadAverage'][0])" "$1"
}

cp original.md doc.md
"$verify" bench doc.md --save-baseline aa --format json -o baseline.json "$@" 2>/dev/null
echo "baseline saved: $(python3 -c "import json; print(len(json.load(open('baseline.json'))['benchmarks']))") benchmarks"

# A comment as the first line of every Python and SQL snippet.
python3 - <<'PY'
import re
text = open('original.md').read()
text = re.sub(r'^(```python[^\n]*\n)', r'\1# cosmetic change\n', text, flags=re.M)
text = re.sub(r'^(```sql[^\n]*\n)', r'\1-- cosmetic change\n', text, flags=re.M)
open('cosmetic.md', 'w').write(text)
PY

failed=0
for phase in unchanged cosmetic; do
  [ "$phase" = unchanged ] && cp original.md doc.md || cp cosmetic.md doc.md
  alarms=0
  declare -A statuses=()
  for run in $(seq 1 "$runs"); do
    "$verify" bench doc.md --compare aa --format json -o "$phase-$run.json" "$@" 2>/dev/null
    status=$?
    statuses[$status]=$(( ${statuses[$status]:-0} + 1 ))
    [ "$status" -eq 2 ] && alarms=$((alarms + 1))
    echo "$phase run $run: exit $status · $(describe "$phase-$run.json")"
  done
  echo "$phase: $alarms false alarm(s) in $runs runs; exit statuses: $(for s in "${!statuses[@]}"; do echo -n "$s×${statuses[$s]} "; done)"
  unset statuses
  [ "$alarms" -eq 0 ] || failed=1
done

sed -E 's/range\(([0-9_]+)\)/range(2 * \1)/' original.md > doc.md
"$verify" bench doc.md --compare aa --format json -o slowed.json "$@" 2>/dev/null
slowed=$?
echo "slowed copy (range bounds doubled): exit $slowed · $(describe slowed.json)"
[ "$slowed" -eq 2 ] || failed=1
exit "$failed"
