#!/usr/bin/python3.11
"""The floor verify is measured against: one python3.11 process that pulls the
Python blocks out with a regex and exec()s each one in a fresh dict."""
import contextlib
import io
import pathlib
import re
import sys

FENCE = re.compile(r"^```python\n(.*?)^```", re.M | re.S)
count = 0
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.md")):
    for block in FENCE.findall(path.read_text()):
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(block, str(path), "exec"), {"__name__": "__main__"})
        count += 1
print(count, "blocks")
