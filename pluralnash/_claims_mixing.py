"""Reference-data mixing ([FERB24] stability results): the floor the reference guarantees."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

from pluralnash._registry import Claim, Premise, register
from pluralnash.numeric._checks import check_exact_rewards
from pluralnash.numeric._checks_mixing import check_mixing, check_mixing_floor
from pluralnash.theory import CheckResult, Verdict


def _strategy():
    import hypothesis.strategies as st

    from pluralnash.numeric import Landscape
    from pluralnash.properties import landscapes, simplex_points

    lams = st.sampled_from([Fraction(0), Fraction(1, 4), Fraction(1, 2), Fraction(9, 10), Fraction(1)])

    @st.composite
    def build(draw):
        L = draw(landscapes(max_atoms=4, max_rewards=2, min_value=-6))
        ref = draw(simplex_points(min_size=L.n, max_size=L.n, full_support=False))
        return Landscape(**{**L.to_json(), "reference": [str(v) for v in ref], "lam": str(draw(lams))})

    return build()


def _symbolic():
    import sympy

    from pluralnash.theory import certify_identity

    lam, r, c = sympy.symbols("lam r c", nonnegative=True)
    # p_{t+1} - (1-λ) r = λ c with c = curated mass >= 0 and λ >= 0
    res = certify_identity(sympy.Ge(((1 - lam) * r + lam * c) - (1 - lam) * r, 0), name="p_{t+1} - (1-lam) p_ref >= 0")
    return CheckResult("p_{t+1}(x) - (1 - lam) p_ref(x) = lam * curated(x) >= 0", res.verdict, "symbolic",
                       {"identity": res.to_json()})


MIXING_FLOOR = Claim(
    id="mixing-floor",
    source="pluralnash (this toolkit); [FERB24] real-data mixing (CLAIMS.md §4)",
    statement="With p_{t+1} = (1 - lam) p_ref + lam (curated update of p_t), every round keeps at least the "
              "reference's share: p_t(x) >= (1 - lam) p_ref(x) for all t >= 1 and all x; so a full-support "
              "reference with lam < 1 rules out collapse onto any strict subset of atoms.",
    premises=(Premise("mixing", "reference p_ref and lam in [0, 1] given", check_mixing),
              Premise("exact rewards", "exp_rewards rational, so the route is exact", check_exact_rewards)),
    conclusion="p_t(x) >= (1 - lam) p_ref(x) for all t >= 1",
    reading="Symbolic: p_{t+1} - (1 - lam) p_ref = lam * (curated mass) >= 0, since the curated update is a "
            "distribution. Instance: exact rational rounds (large K) compared atom by atom.",
    symbolic=_symbolic,
    instance=lambda L: check_mixing_floor(L),
    strategy=_strategy,
)
MIXING_FLOOR = dataclasses.replace(MIXING_FLOOR, controls=(
    MIXING_FLOOR.control("full-reference", "floor p_ref(x): the model never drops below the reference itself",
                         symbolic=None, instance=lambda L: check_mixing_floor(L, floor=lambda L: list(L.reference))),
    MIXING_FLOOR.control("keeps-p0", "floor (1 - lam) p_ref(x) + lam p_0(x): curation never lowers a mass",
                         symbolic=None,
                         instance=lambda L: check_mixing_floor(
                             L, floor=lambda L: [(1 - L.lam) * r + L.lam * p for r, p in zip(L.reference, L.p0)])),
))

register(MIXING_FLOOR)
