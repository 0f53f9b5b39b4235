#!/usr/bin/python3.11
"""Times `verify run` on 50 files x 20 trivial Python blocks against the floor: one
python3.11 process that extracts the blocks with a regex and exec()s each in a fresh
dict. The two are run interleaved, RUNS times each (default 9); prints the medians, their
ratio, and the median of the ratios of runs made one after the other (which a machine
whose load drifts during the measurement moves less). Builds verify in release mode first."""
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

root = pathlib.Path(__file__).resolve().parents[2]
scripts = root / "Benchmarks" / "Scripts"
runs = int(os.environ.get("RUNS", "9"))

for product in ("verify", "verify-worker"):
    subprocess.run(["swift", "build", "-c", "release", "--product", product], cwd=root, check=True,
                   stdout=subprocess.DEVNULL)
verify = root / ".build" / "release" / "verify"

with tempfile.TemporaryDirectory() as corpus:
    subprocess.run([sys.executable, scripts / "generate_corpus.py", corpus, "50", "20"], check=True)

    def seconds(command):
        start = time.perf_counter()
        subprocess.run(command, check=False, stdout=subprocess.DEVNULL)
        return time.perf_counter() - start

    floor, ours = [], []
    for _ in range(runs):
        floor.append(seconds([sys.executable, scripts / "floor.py", corpus]))
        ours.append(seconds([verify, "run", corpus]))

print(f"floor (python3.11, regex + exec): median {statistics.median(floor):.3f} s of {runs} runs")
print(f"verify run (release, {os.cpu_count()} jobs):     median {statistics.median(ours):.3f} s of {runs} runs")
print(f"ratio of medians: {statistics.median(ours) / statistics.median(floor):.2f}x")
print(f"median of paired ratios: {statistics.median(o / f for o, f in zip(ours, floor)):.2f}x")
