#!/usr/bin/env python3
"""The reference of `profrost bench`: CPython merely json.load-ing every .json file of a workspace.

Usage: python3 bench/python_load.py WORKSPACE
Prints one line: the number of files and the seconds spent inside the walk.
`profrost bench` times this whole process from the outside (interpreter start included), just as it
times `profrost rank`/`score` (process start included), so that the ratio compares like with like.
"""
import json
import os
import sys
import time


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    root = sys.argv[1]
    started = time.perf_counter()
    files = 0
    for folder, _dirs, names in os.walk(root):
        for name in names:
            # profrost's own score cache (score-index.txt) is not JSON and is not loaded.
            if not name.endswith(".json"):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as f:
                json.load(f)
            files += 1
    print(f"{files} files, {time.perf_counter() - started:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
