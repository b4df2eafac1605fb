"""Exit 1 unless two `pluralnash verify --json` files give every claim and every control the same verdict."""

import json
import sys


def verdicts(path: str) -> dict[str, str]:
    with open(path, encoding="utf-8") as fh:
        claims = json.load(fh)["claims"]
    found = {c["id"]: c["verdict"] for c in claims}
    found.update({k["id"]: k["verdict"] for c in claims for k in c["controls"]})
    return found


def main(first: str, second: str) -> int:
    a, b = verdicts(first), verdicts(second)
    differ = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
    for key in differ:
        print(f"{key}: {a.get(key)} ({first}) but {b.get(key)} ({second})", file=sys.stderr)
    if not a:
        print(f"{first} holds no verdicts", file=sys.stderr)
        return 1
    print(f"{len(a)} verdicts compared, {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:]))
