#!/usr/bin/python3.11
"""Writes FILES Markdown files of BLOCKS trivial Python blocks each (default 50 x 20),
the corpus that `compare_floor.sh` times verify against."""
import os
import sys

out = sys.argv[1] if len(sys.argv) > 1 else "corpus"
files = int(sys.argv[2]) if len(sys.argv) > 2 else 50
blocks = int(sys.argv[3]) if len(sys.argv) > 3 else 20
os.makedirs(out, exist_ok=True)
for f in range(files):
    parts = [f"# Generated document {f}\n"]
    for b in range(blocks):
        n = 10 + (f * blocks + b) % 90
        total = sum(i * i for i in range(n))
        parts.append(
            f"\n## Block {b}\n\nSquares below {n}:\n\n```python\n"
            f"n = {n}\nx = [i*i for i in range(n)]\nprint(sum(x))  # {total}\n```\n"
        )
    with open(os.path.join(out, f"doc{f:03}.md"), "w") as handle:
        handle.write("".join(parts))
