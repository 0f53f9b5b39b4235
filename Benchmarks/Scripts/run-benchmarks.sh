#!/usr/bin/env bash
# Runs the harness's micro-benchmarks (package-benchmark) and checks them against the
# thresholds in Benchmarks/Thresholds. Pass "update" to record new thresholds.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product verify-worker
export VERIFY_WORKER="$PWD/.build/release/verify-worker"
cd Benchmarks
if [ "${1:-check}" = "update" ]; then
  swift package --allow-writing-to-package-directory benchmark thresholds update
else
  swift package benchmark thresholds check
fi
