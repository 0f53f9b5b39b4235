#!/usr/bin/env bash
# Builds the libFuzzer targets with the address sanitizer and runs each, one after the
# other, for the given number of seconds (default 60), seeded with Fixtures/ and
# ../shared/seeds. Corpora grow in Fuzz/Corpus/<target> (not committed); crashers are
# written to Fuzz/Crashes/<target>/. Usage: Fuzz/run.sh [seconds] [target...]
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzMarkdown FuzzClaims FuzzDockerfile)

swift build -c debug -Xswiftc -sanitize=fuzzer,address >/dev/null
# Swift's own crash backtracer would run inside ASan's report; libFuzzer prints its own.
export SWIFT_BACKTRACE=enable=no

seed() {
  local target="$1" corpus="$2"
  [ -n "$(ls -A "$corpus" 2>/dev/null)" ] && return
  case "$target" in
    FuzzMarkdown) cp ../Fixtures/*.md "$corpus"/; cp ../../shared/seeds/* "$corpus"/ 2>/dev/null || true ;;
    # One file per fenced block of the fixtures and seeds, of the target's language.
    FuzzClaims) python3 split_fences.py python "$corpus" ../Fixtures/*.md ../../shared/seeds/* ;;
    FuzzDockerfile) python3 split_fences.py dockerfile "$corpus" ../Fixtures/*.md ../../shared/seeds/* ;;
  esac
}

for target in "${targets[@]}"; do
  corpus="Corpus/$target"
  crashes="Crashes/$target"
  mkdir -p "$corpus" "$crashes"
  seed "$target" "$corpus"
  echo "== $target: $seconds s, corpus $(ls "$corpus" | wc -l) files"
  ".build/debug/$target" "$corpus" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
    -artifact_prefix="$crashes/" -print_final_stats=1 2>&1 | grep -E "^(#[0-9]+ +DONE|stat::|==[0-9]+==ERROR|SUMMARY|Test unit written)" || true
  echo "   corpus now $(ls "$corpus" | wc -l) files, $(du -sh "$corpus" | cut -f1)"
done
