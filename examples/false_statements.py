r"""Six subtle false statements about the large-K curated update, registered the way a user would.

Each is written against the public API only (:class:`pluralnash.Claim`, :func:`pluralnash.register`,
:func:`pluralnash.run_claim`, the strategies of :mod:`pluralnash.properties`), decides its
conclusion exactly with :class:`fractions.Fraction` arithmetic, and reports a signed margin
(positive while the conclusion holds with room).  Every statement is *false*, and each sits next to
a *true twin* (the corrected statement, same machinery) so that a check which always fails would
be caught.  Load the module by path (it is not part of the package)::

    import importlib.util
    spec = importlib.util.spec_from_file_location("false_statements", "examples/false_statements.py")
    module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module)
    module.register_all()

Notation ([FALA26] Eq. 5): w_i(x) = e^{r_i(x)}, Z_i = E_{p_0}[w_i], and one large-K step is
p_1(x) = p_0(x) W(x) with W(x) = Σ_i q_i w_i(x) / Z_i.

The statements, and where each breaks:

- ``user-gain-bound-2``: E_{p_1}[w] - E_{p_0}[w] >= 2 Var_{p_0}(w) / (max w + min w) for one reward.
  The true bound is Var/E_{p_0}[w] >= Var / max w; the constant 2 is off, and it fails when
  p_0 sits near the best atom (E_{p_0}[w] above the midrange).
- ``user-few-gainers``: one large-K step raises the mass of at most two atoms (one reward).
  The atoms that gain are those with w(x) > E_{p_0}[w], up to n - 1 of them: it fails only with
  four or more atoms.
- ``user-best-keeps-half``: with equal weights q_i = 1/m, an atom that maximises some reward keeps
  at least half its mass.  W(x) >= q_i = 1/m, so it holds for m <= 2 and fails only with three
  or more rewards.
- ``user-million-fold``: no atom's mass grows more than a million-fold in one step.  W(x) <= 1/p_0(x),
  so it fails only when some atom has p_0(x) < 10^-6 (and a reward ratio beyond 10^6).
- ``user-strict-best-gains``: for one reward, a unique best atom gains at least 1% of its mass when
  p_0 <= 1/2 everywhere.  W(x*) >= 2 w*/(w* + w_2), so it fails only when the runner-up is within
  about 2% of the best: near a tie.
- ``user-weight-monotone``: raising q_1 never lowers E_{p_1}[w_1] (two rewards).  The derivative
  is E_{P_1}[w_1] - E_{P_2}[w_1] with P_i = p_0 w_i / Z_i; it fails when r_2 ranks the atoms like
  r_1 but more sharply.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Callable

from pluralnash import CheckResult, Claim, Premise, Verdict, register, run_claim
from pluralnash.numeric import Landscape
from pluralnash.claims import check_exact_rewards

__all__ = ["FALSE_STATEMENTS", "TRUE_TWINS", "register_all", "run_claim"]

F = Fraction


# -- exact helpers ------------------------------------------------------------------------------


def _Z(L: Landscape) -> list[Fraction]:
    return [sum((p * w for p, w in zip(L.p0, row)), F(0)) for row in L.exp_rewards]


def _W(L: Landscape) -> list[Fraction]:
    Z = _Z(L)
    return [sum((q * row[k] / z for q, row, z in zip(L.weights, L.exp_rewards, Z)), F(0)) for k in range(L.n)]


def _result(name: str, margin: Fraction, evidence: dict, failing: str) -> CheckResult:
    verdict = Verdict.HOLDS if margin >= 0 else Verdict.FAILS
    ev = {"margin": float(margin), **evidence}
    return CheckResult(name, verdict, "exact", ev, None if margin >= 0 else failing)


def _premise(name: str, test: Callable[[Landscape], bool], why: str) -> Premise:
    def check(L: Landscape) -> CheckResult:
        ok = test(L)
        return CheckResult(name, Verdict.HOLDS if ok else Verdict.FAILS, "exact", {}, None if ok else why)

    return Premise(name, why, check)


EXACT = Premise("exact rewards", "exp_rewards given as rationals", check_exact_rewards)
ONE_REWARD = _premise("one reward", lambda L: L.m == 1, "m = 1 is required")
TWO_REWARDS = _premise("two rewards", lambda L: L.m == 2, "m = 2 is required")
LARGE_K = _premise("large-K regime", lambda L: L.K is None and L.reference is None,
                   "K = None and no reference mixing")
EQUAL_WEIGHTS = _premise("equal weights", lambda L: len(set(L.weights)) == 1, "q_i = 1/m is required")
HALF_AT_MOST = _premise("p_0 <= 1/2", lambda L: max(L.p0) <= F(1, 2), "every p_0(x) <= 1/2 is required")


def _unique_best(L: Landscape) -> bool:
    w = sorted(L.exp_rewards[0])
    return L.n > 1 and w[-2] < w[-1]


UNIQUE_BEST = _premise("unique best atom", _unique_best, "w needs one strict maximiser and n >= 2")


def _strategy(**kwargs):
    def build():
        from pluralnash.properties import landscapes

        return landscapes(exact=True, **kwargs)

    return build


def _equal_weight_strategy():
    from pluralnash.properties import landscapes

    return landscapes(exact=True, max_rewards=3).map(lambda L: Landscape(exp_rewards=L.exp_rewards, p0=L.p0))


# -- the conclusions -----------------------------------------------------------------------------


def check_gain_bound(L: Landscape, constant: Fraction = F(2)) -> CheckResult:
    """E_{p_1}[w] - E_{p_0}[w] >= c Var_{p_0}(w) / (max w + min w)  (c = 2 false; c = 1 true)."""
    w, p = L.exp_rewards[0], L.p0
    E = sum((a * b for a, b in zip(p, w)), F(0))
    E2 = sum((a * b * b for a, b in zip(p, w)), F(0))
    gain, var = E2 / E - E, E2 - E * E
    bound = constant * var / (max(w) + min(w))
    return _result(f"gain >= {constant} Var/(max w + min w)", (gain - bound) / E,
                   {"gain": str(gain), "bound": str(bound)}, "the one-step gain is below the bound")


def check_few_gainers(L: Landscape, most: int = 2) -> CheckResult:
    """At most ``most`` atoms gain mass in one large-K step."""
    gainers = [k for k, v in enumerate(_W(L)) if v > 1 and L.p0[k] > 0]
    return _result(f"at most {most} atoms gain mass", F(most - len(gainers)), {"gainers": gainers},
                   f"{len(gainers)} atoms gain mass: {gainers}")


def check_best_keeps_half(L: Landscape, share: Fraction = F(1, 2)) -> CheckResult:
    """Every atom maximising some reward keeps at least ``share`` of its mass."""
    W = _W(L)
    best = sorted({k for row in L.exp_rewards for k, v in enumerate(row) if v == max(row) and L.p0[k] > 0})
    worst = min(best, key=lambda k: W[k])
    return _result(f"a reward's best atom keeps >= {share} of its mass", W[worst] - share,
                   {"atom": worst, "W": str(W[worst])}, f"atom {worst} keeps W = {float(W[worst]):.6g}")


def check_million_fold(L: Landscape, factor: Fraction = F(10**6)) -> CheckResult:
    """No atom's mass grows more than ``factor``-fold in one step."""
    W = _W(L)
    k = max(range(L.n), key=lambda j: W[j])
    return _result(f"W(x) <= {factor}", 1 - W[k] / factor, {"atom": k, "W": str(W[k])},
                   f"atom {k} grows {float(W[k]):.6g}-fold")


def check_strict_best_gains(L: Landscape, gain: Fraction = F(101, 100)) -> CheckResult:
    """The unique best atom's mass grows by at least the factor ``gain``."""
    w = L.exp_rewards[0]
    k = max(range(L.n), key=lambda j: w[j])
    W = _W(L)[k]
    return _result(f"W(x*) >= {gain}", W - gain, {"atom": k, "W": str(W)},
                   f"the best atom {k} grows only by {float(W):.8g}")


def check_weight_monotone(L: Landscape) -> CheckResult:
    """d/dq_1 E_{p_1}[w_1] >= 0 with q_2 = 1 - q_1: E_{P_1}[w_1] >= E_{P_2}[w_1]."""
    w1, w2 = L.exp_rewards
    Z1, Z2 = _Z(L)
    tilt1 = sum((p * a * a for p, a in zip(L.p0, w1)), F(0)) / Z1
    tilt2 = sum((p * a * b for p, a, b in zip(L.p0, w1, w2)), F(0)) / Z2
    return _result("E_{P_1}[w_1] >= E_{P_2}[w_1]", (tilt1 - tilt2) / max(w1), {"d/dq1": str(tilt1 - tilt2)},
                   "more weight on reward 1 lowers E_{p_1}[w_1]")


def check_fewer_than_n_gainers(L: Landscape) -> CheckResult:
    """True twin of ``few-gainers``: at most n - 1 atoms gain mass."""
    return check_few_gainers(L, most=max(L.n - 1, 0))


def _claim(cid: str, statement: str, premises, instance, strategy) -> Claim:
    return Claim(id=cid, source="user statement (examples/false_statements.py)", statement=statement,
                 premises=(LARGE_K, EXACT, *premises), conclusion=statement, instance=instance,
                 strategy=strategy)


FALSE_STATEMENTS = (
    _claim("user-gain-bound-2", "E_{p_1}[w] - E_{p_0}[w] >= 2 Var_{p_0}(w) / (max w + min w)",
           (ONE_REWARD,), check_gain_bound, _strategy(max_rewards=1, max_atoms=4)),
    _claim("user-few-gainers", "one large-K step raises the mass of at most two atoms",
           (ONE_REWARD,), check_few_gainers, _strategy(max_rewards=1, max_atoms=5)),
    _claim("user-best-keeps-half", "with q_i = 1/m a reward's best atom keeps at least half its mass",
           (EQUAL_WEIGHTS,), check_best_keeps_half, _equal_weight_strategy),
    _claim("user-million-fold", "no atom's mass grows more than a million-fold in one step",
           (), check_million_fold, _strategy(max_rewards=2, max_atoms=4)),
    _claim("user-strict-best-gains", "a unique best atom gains >= 1% when every p_0(x) <= 1/2",
           (ONE_REWARD, UNIQUE_BEST, HALF_AT_MOST), check_strict_best_gains, _strategy(max_rewards=1, max_atoms=4)),
    _claim("user-weight-monotone", "raising q_1 never lowers E_{p_1}[w_1]",
           (TWO_REWARDS,), check_weight_monotone, _strategy(min_rewards=2, max_rewards=2, max_atoms=4)),
)

TRUE_TWINS = (
    _claim("user-gain-bound-1", "E_{p_1}[w] - E_{p_0}[w] >= Var_{p_0}(w) / (max w + min w)",
           (ONE_REWARD,), lambda L: check_gain_bound(L, F(1)), _strategy(max_rewards=1, max_atoms=4)),
    _claim("user-fewer-than-n-gainers", "one large-K step raises the mass of at most n - 1 atoms",
           (ONE_REWARD,), check_fewer_than_n_gainers, _strategy(max_rewards=1, max_atoms=5)),
    _claim("user-best-keeps-third", "with q_i = 1/m, m <= 3, a reward's best atom keeps at least 1/3 of its mass",
           (EQUAL_WEIGHTS,), lambda L: check_best_keeps_half(L, F(1, 3)), _equal_weight_strategy),
)


def register_all() -> list[Claim]:
    """Register every statement and twin not yet registered; return the false statements."""
    from pluralnash import all_claims

    have = {c.id for c in all_claims()}
    for claim in (*FALSE_STATEMENTS, *TRUE_TWINS):
        if claim.id not in have:
            register(claim)
    return list(FALSE_STATEMENTS)
