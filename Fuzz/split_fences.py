#!/usr/bin/env python3
"""Writes the content of every fenced block of the given language found in Markdown
files, one file each, into a corpus folder: python3 split_fences.py LANGUAGE FOLDER FILE..."""
import hashlib
import pathlib
import re
import sys

language, folder, files = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3:]
fence = re.compile(r"^([ \t]*)(```+|~~~+)[ \t]*([\w+-]*)[^\n]*\n(.*?)^\1\2[ \t]*$", re.M | re.S)
for name in files:
    text = pathlib.Path(name).read_text(errors="replace")
    for match in fence.finditer(text):
        if match.group(3).lower() in (language, "py" if language == "python" else language, "pycon"):
            body = match.group(4).encode()
            (folder / hashlib.sha1(body).hexdigest()[:16]).write_bytes(body)
