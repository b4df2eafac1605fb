r"""Reference-data mixing: p_{t+1} = (1 - λ) p_ref + λ · (curated update of p_t).

Python spellings: ``lam`` = λ (the curated share), ``reference`` = p_ref.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Callable, Sequence

from pluralnash.numeric._dynamics import evaluate_curated_update
from pluralnash.numeric._landscape import Landscape
from pluralnash.theory import CheckResult, Verdict

__all__ = ["check_mixing", "check_mixing_floor", "mixing_floor"]

Floor = Callable[[Landscape], Sequence[Fraction]]


def check_mixing(landscape: Landscape) -> CheckResult:
    """Premise: the setup mixes in reference data (reference= and lam= given)."""
    name = "reference-data mixing given (reference, lam)"
    if landscape.reference is None:
        return CheckResult(name, Verdict.FAILS, "exact", {}, "the setup has no reference/lam; add both")
    return CheckResult(name, Verdict.HOLDS, "exact", {"lam": str(landscape.lam)})


def mixing_floor(landscape: Landscape) -> list[Fraction]:
    r"""The stated floor: p_t(x) >= (1 - λ) p_ref(x) for every t >= 1."""
    return [(1 - landscape.lam) * r for r in landscape.reference]


def check_mixing_floor(landscape: Landscape, *, floor: Floor = mixing_floor, steps: int = 6,
                       K: int | None = None) -> CheckResult:
    r"""Decide exactly that p_t(x) >= ``floor(landscape)[x]`` for t = 1..``steps`` (large K, or ``K``)."""
    name = "p_t(x) >= floor(x) for t >= 1"
    if not landscape.is_exact or landscape.reference is None:
        return CheckResult(name, Verdict.UNDECIDED, "exact", {}, "needs exp_rewards and reference/lam")
    bound = list(floor(landscape))
    p = list(landscape.p0)
    margin = None
    for t in range(1, steps + 1):
        p = evaluate_curated_update(landscape, p, K=K, method="enumerate" if K else "auto")
        gaps = [a - b for a, b in zip(p, bound)]
        worst = min(range(len(gaps)), key=lambda k: gaps[k])
        if gaps[worst] < 0:
            return CheckResult(name, Verdict.FAILS, "exact",
                               {"t": t, "atom": worst, "p_t": str(p[worst]), "floor": str(bound[worst])},
                               f"p_{t}({worst}) = {p[worst]} < {bound[worst]}")
        margin = gaps[worst] if margin is None else min(margin, gaps[worst])
        if max(v.denominator.bit_length() for v in p) > 20000:
            steps = t
            break
    return CheckResult(name, Verdict.HOLDS, "exact", {"steps": steps, "margin": str(float(margin))})
