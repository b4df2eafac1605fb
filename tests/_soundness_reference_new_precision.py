r"""Verdicts at mpmath's global precision, for tests/test_differential_soundness.py and
benchmarks/bench_soundness.py: every claim's premises and instance check, run once in this process and
once in a fresh one with ``mp.dps = iv.dps`` set (no shared caches), so that a verdict that depends on
the global precision shows up as a difference; with the planted precision-dependent Z* box
(:func:`_OLD_Z_STAR_BOXES`) as the comparison's negative control.  Setups: each claim's own strategy
(every registered claim, the toolkit's newer families included) and the core reference's adversarial
and random setups.
"""

from __future__ import annotations

import json
import pickle
import subprocess
import sys

import mpmath
from hypothesis import HealthCheck, given, settings
from pluralnash_soundness_reference import ADVERSARIAL, random_setups

import pluralnash


_CHILD = r"""
import pickle, sys, json
import mpmath
mpmath.mp.dps = mpmath.iv.dps = int(sys.argv[1])
from pluralnash._registry import get_claim
if sys.argv[2:] == ["planted"]:
    import inspect, pluralnash.claims.core.checks as checks
    exec(sys.stdin.buffer.readline().decode())
    checks.enclose_z_star = _OLD_Z_STAR_BOXES
out = []
for cid, setup in pickle.load(sys.stdin.buffer):
    c = get_claim(cid)
    row = []
    checks = [lambda _: c.symbolic()] if setup is None else [p.check for p in c.premises if p.check] + [c.instance]
    for check in checks:
        try:
            r = check(setup)
            row.append([r.verdict.value, bool(r.certified)])
        except Exception as exc:
            row.append(["error: " + type(exc).__name__, False])
    out.append(row)
assert mpmath.mp.dps == mpmath.iv.dps == int(sys.argv[1])
print(json.dumps(out))
"""


def verdict_rows(items, dps: int | None = None, planted: bool = False):
    """Premise and instance verdicts of each (claim id, setup) at global ``mp.dps``: in this process
    when ``dps`` is None, else in a fresh one.  A setup of None stands for the claim's symbolic route."""
    if dps is not None:
        head = b""
        if planted:  # the planted precision-dependent box, as one line of source for the child
            import inspect

            head = json.dumps(inspect.getsource(_OLD_Z_STAR_BOXES)).encode()
            head = b"exec(" + head + b")\n"
        proc = subprocess.run([sys.executable, "-c", _CHILD, str(dps), *(["planted"] if planted else [])],
                              input=head + pickle.dumps(items), capture_output=True, timeout=600)
        assert proc.returncode == 0, proc.stderr.decode()[-2000:]
        return json.loads(proc.stdout.decode().strip().splitlines()[-1])
    rows = []
    for cid, setup in items:
        c = pluralnash.get_claim(cid)
        row = []
        checks = ([lambda _: c.symbolic()] if setup is None
                  else [p.check for p in c.premises if p.check] + [c.instance])
        for check in checks:
            try:
                r = check(setup)
                row.append([r.verdict.value, bool(r.certified)])
            except Exception as exc:  # the same error at both precisions is agreement
                row.append(["error: " + type(exc).__name__, False])
        rows.append(row)
    return rows


def strategy_items(per_claim: int, controls: bool, ids=None, derandomize: bool = False):
    """(claim id, setup) pairs drawn from each claim's own strategy (derandomised under CI or with ``derandomize``)."""
    items = []
    for claim in pluralnash.all_claims():
        if ids is not None and claim.id not in ids:
            continue
        for c in (claim, *(claim.controls if controls else ())):
            if c.strategy is None:
                continue
            drawn = []

            @settings(max_examples=per_claim, database=None, deadline=None, suppress_health_check=list(HealthCheck),
                      **({"derandomize": True} if derandomize else {}))
            @given(c.strategy())
            def collect(setup):
                drawn.append(setup)

            collect()
            items += [(c.id, s) for s in drawn[-per_claim:]]
    return items


def precision_items(per_claim: int, controls: bool, rng):
    items = strategy_items(per_claim, controls)
    finite = [c for c in pluralnash.all_claims() if c.setup_kind == "finite" and "large-k" in c.models]
    for L in ADVERSARIAL + random_setups(rng, 2):
        items += [(c.id, L) for c in finite]
    return items


def _OLD_Z_STAR_BOXES(limit):
    from mpmath import iv

    boxes = []
    for zs, r in zip(limit.Z, limit.Z_radius):
        if hasattr(zs, "denominator"):
            lo_hi = iv.mpf(zs.numerator) / zs.denominator
        else:
            lo_hi = iv.mpf(mpmath.mpf(zs))  # rounded to the global mp.prec, to nearest
        boxes.append(iv.mpf([lo_hi.a - r, lo_hi.b + r]) if r else lo_hi)
    return boxes
