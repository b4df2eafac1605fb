r"""Replays of the statements the toolkit falsifies, each up to the step where the paper's argument breaks.

Definitions
-----------
Each FALSIFIED reading is replayed along the proof of its repaired sibling
(:mod:`pluralnash.theory._proofs_fala`, :mod:`pluralnash.theory._proofs_supported_finite_k`): the steps
that hold without the sibling's added premise are certified as there, and the first step that needs
that premise is ``FAILS`` with a counterexample of its own, an exact setup meeting the step's premises
on which its inference is false:

* ``ferbach-2.1-sup-over-atoms`` ([FERB24] Theorem 2.1, r* the maximum over every atom), step 5:
  E_{p_t}[e^r] is squeezed to e^{r*} only when p_0 charges the maximiser, p_0(r = r*) > 0;
* ``lemma-3.4-as-stated`` ([FALA26] Lemma 3.4, the main text's Δ_i), step 8: g(a) > a on (0, L)
  needs κ_1 < 1, and Δ_1 in (ε, 2ε] gives κ_1 ≥ 1;
* ``prop-3.4-b6``, ``corollary-3.8-b6`` ([FALA26] Proposition 3.4, Corollary 3.8 under B.6 alone),
  step 4: the outside mass vanishes along the hard-separation family, which a compromise atom
  outside the basins refutes.

A setup is the JSON form the command line reads: ``exp_rewards`` (w_i(x) = e^{r_i(x)} as rationals),
``weights`` (q_i), ``p0``, ``exp_eps`` (e^{−ε}), optionally ``K``.  w_i* = max_x w_i(x) and
S_{i,ε} = {x : w_i(x) ≥ e^{−ε} w_i*}.  Every decision is in exact rational arithmetic
(:class:`fractions.Fraction`): a refuting step returns ``FAILS`` only when each premise it needs is
decided true on the setup and its inference decided false, and ``UNDECIDED`` with the reason
otherwise (then the step is ``NOT_CERTIFIED``: one setup never proves a step).

Python spellings: ``w`` = w_i(x), ``q`` = q_1, ``e`` = e^{−ε}, ``rho`` = ρ_i(x) = w_i(x)/w_i*,
``kappa`` = κ_i.  :data:`PREMISE_MAPS` and the planted variants (:func:`planted_broken`) are
registered beside the other replays'.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction
from functools import lru_cache, partial, wraps
from typing import Mapping

from pluralnash.theory._base import InvalidArgument
from pluralnash.theory._proof import Proof, Step

__all__ = ["COMPROMISE_SETUP", "KAPPA_ABOVE_ONE_SETUP", "MISSED_ARGMAX_SETUP", "planted_broken",
           "proof_corollary_3_8_b6", "proof_ferbach_2_1_sup_over_atoms", "proof_lemma_3_4_as_stated",
           "proof_prop_3_4_b6", "refute_argmax_charged", "refute_lower_push", "refute_outside_mass_vanishes"]

#: One reward, p_0 missing the maximiser of w over the atoms ([FERB24] Theorem 2.1, r* over every atom).
MISSED_ARGMAX_SETUP = {"exp_rewards": [["3/10", "1"]], "weights": ["1"], "p0": ["1", "0"], "exp_eps": "99/100",
                       "K": 2}
#: Assumption 2.1 with Δ_1 = log 3 in (ε, 2ε], ε = log 2: κ_1 = 4/3 > 1 ([FALA26] Lemma 3.4, main text).
KAPPA_ABOVE_ONE_SETUP = {"exp_rewards": [["1", "1/3"], ["1/3", "1"]], "weights": ["1/2", "1/2"],
                         "p0": ["1/2", "1/2"], "exp_eps": "1/2"}
#: Plateau basins (B.6) and a compromise atom x_3 with ρ_1 = ρ_2 = 3/4 ([FALA26] Proposition 3.4 under B.6).
COMPROMISE_SETUP = {"exp_rewards": [["1", "1/2", "3/4"], ["1/2", "1", "3/4"]], "weights": ["3/4", "1/4"],
                    "p0": ["3/8", "3/8", "1/4"], "exp_eps": "9/10"}


# ---------------------------------------------------------------------------------------------
# exact setups

def _rational(value, name: str) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, (str, int, Fraction)):
        raise InvalidArgument(f"{name}={value!r} must be a rational given as a string or an integer (e.g. '1/3'); "
                              "floats are not exact")
    try:
        return Fraction(value)
    except (ValueError, ZeroDivisionError):
        raise InvalidArgument(f"{name}={value!r} is not a rational; write it as 'p/q' or a decimal string") from None


@dataclass(frozen=True)
class _Setup:
    """A setup in exact rationals: w[i][x] = w_i(x), q[i] = q_i, p0[x], e = e^{−ε} (or None)."""

    w: tuple
    q: tuple
    p0: tuple
    e: Fraction | None
    large_k: bool

    @property
    def atoms(self) -> range:
        return range(len(self.p0))

    @property
    def support(self) -> tuple:
        return tuple(x for x in self.atoms if self.p0[x] > 0)

    def top(self, i: int) -> Fraction:
        return max(self.w[i])

    def basin(self, i: int) -> frozenset:
        return frozenset(x for x in self.atoms if self.w[i][x] >= self.e * self.top(i))

    def mass(self, atoms) -> Fraction:
        return sum((self.p0[x] for x in atoms), Fraction(0))


def _read(setup: Mapping) -> "_Setup | str":
    """The setup in exact rationals; a string says why it has none (no ``exp_rewards``)."""
    if not isinstance(setup, Mapping) or "exp_rewards" not in setup:
        return "the setup gives no exact exp_rewards (w_i = e^{r_i} as rationals)"
    try:
        rows, weights, p0 = setup["exp_rewards"], setup["weights"], setup["p0"]
    except KeyError as exc:
        raise InvalidArgument(f"setup has no {exc.args[0]!r}; give exp_rewards, weights, p0 and exp_eps") from None
    w = tuple(tuple(_rational(v, "exp_rewards") for v in row) for row in rows)
    q = tuple(_rational(v, "weights") for v in weights)
    p = tuple(_rational(v, "p0") for v in p0)
    e = None if setup.get("exp_eps") is None else _rational(setup["exp_eps"], "exp_eps")
    if len(q) != len(w) or any(len(row) != len(p) for row in w):
        raise InvalidArgument(f"exp_rewards={rows!r} must have one row per weight and one entry per atom of p0; "
                              "fix the shapes")
    if sum(p) != 1 or min(p) < 0 or sum(q) != 1 or min(q) < 0 or min(min(row) for row in w) <= 0:
        raise InvalidArgument(f"p0={p0!r}, weights={weights!r} must be distributions and exp_rewards positive; "
                              "normalise them")
    if e is not None and not 0 < e < 1:
        raise InvalidArgument(f"exp_eps={setup['exp_eps']!r} must lie in (0, 1) (it is e^(-eps)); pass e^(-eps)")
    return _Setup(w, q, p, e, large_k=setup.get("K") is None and setup.get("reference") is None)


def _undecided(reason: str) -> dict:
    return {"verdict": "UNDECIDED", "reason": reason}


def _on_setup(default: Mapping):
    """Read the setup (``default`` when none is given) before ``decide(data, S)``; no exact setup: UNDECIDED."""
    def wrap(decide):
        @wraps(decide)
        def run(setup: Mapping | None = None, **options) -> dict:
            data = default if setup is None else setup
            S = _read(data)
            return _undecided(S) if isinstance(S, str) else decide(data, S, **options)
        return run
    return wrap


def _fails(how: str, reason: str, data: Mapping, **found) -> dict:
    """A refuted step: how it was decided, why, and the counterexample (the setup and the values found)."""
    return {"verdict": "FAILS", "how": f"exact setup ({how})", "reason": reason,
            "counterexample": {"setup": dict(data), **{k: v if isinstance(v, (int, list)) else str(v)
                                                       for k, v in found.items()}}}


def _two_basins(S: _Setup) -> str | None:
    """``None`` when B.2, B.3 (Assumption 2.1(ii)) hold exactly; otherwise the failing premise."""
    if len(S.w) != 2 or S.e is None:
        return "the setup needs two rewards and exp_eps for the basins S_{i,eps}"
    s1, s2 = S.basin(0), S.basin(1)
    if s1 & s2:
        return f"B.3 fails: S_1 and S_2 share the atoms {sorted(x + 1 for x in s1 & s2)}"
    if S.mass(s1) == 0 or S.mass(s2) == 0:
        return "B.2 fails: p_0 gives a basin no mass"
    return None


def _plateau(S: _Setup) -> str | None:
    """``None`` when B.6 holds exactly: each w_i constant on each basin."""
    for j in (0, 1):
        for i in (0, 1):
            if len({S.w[i][x] for x in S.basin(j)}) > 1:
                return f"B.6 fails: w_{i + 1} is not constant on S_{j + 1}"
    return None


def _atoms(xs) -> str:
    return ", ".join(f"x_{x + 1}" for x in sorted(xs))


# ---------------------------------------------------------------------------------------------
# the refuting steps

@_on_setup(MISSED_ARGMAX_SETUP)
def refute_argmax_charged(data: Mapping, S: _Setup) -> dict:
    r"""Decide "p_0 charges the maximiser of w over every atom" ([FERB24] Theorem 2.1's squeeze) on a setup.

    Premises (the claim's): p_0 a distribution with w > 0, one reward, exact rewards; any K.  The
    update p_{t+1}(x) = p_t(x) H^K_{p_t}(x) (or p_t(x) w(x)/μ_t for large K) keeps p_t(A) = 0 for every
    t when p_0(A) = 0, so μ_t ≤ max_{supp p_0} w < w* for every t.

    Examples
    --------
    >>> out = refute_argmax_charged()
    >>> out["verdict"], out["counterexample"]["max_w_on_support"], out["counterexample"]["w_star"]
    ('FAILS', '3/10', '1')
    """
    if len(S.w) != 1:
        return _undecided(f"premise 'one reward' fails: the setup has {len(S.w)} rewards")
    w, top = S.w[0], S.top(0)
    argmax = [x for x in S.atoms if w[x] == top]
    if S.mass(argmax) > 0:
        return _undecided(f"p_0 charges the argmax (p_0(A) = {S.mass(argmax)}), so the step holds on this setup")
    best = max(w[x] for x in S.support)
    mu0 = sum((S.p0[x] * w[x] for x in S.support), Fraction(0))
    return _fails(
        "one reward, w and p_0 in rationals; support invariance for every t",
        f"the model, one reward and exact rewards hold, yet p_0(A) = 0 on the argmax A = {{{_atoms(argmax)}}} "
        f"of w over every atom: p_(t+1)(x) = p_t(x) H(x) keeps p_t(A) = 0 for every t, so mu_t <= "
        f"max over supp p_0 of w = {best} < w* = {top} for every t (mu_0 = {mu0}): mu_t does not tend to w*",
        data, argmax=[x + 1 for x in argmax], p0_argmax=0, w_star=top, max_w_on_support=best, mu_0=mu0)


@_on_setup(KAPPA_ABOVE_ONE_SETUP)
def refute_lower_push(data: Mapping, S: _Setup) -> dict:
    r"""Decide "g(a) > a for 0 < a < L" ([FALA26] Lemma 3.4's lower iteration) at a = a_0 on a setup.

    Premises (the main-text reading's): the large-K regime, Assumption 2.1 (i)-(iii) with the sharpest
    Δ_i, and m_t → 0, decided here when no atom of supp p_0 lies outside S_ε (then m_t = 0 for every
    t, the update keeping supports).  κ_1 = e^{2ε} e^{−Δ_1} = (max_{S_2} w_1/w_1*)/e^{−2ε} and
    L = (q − κ_1)/(1 − κ_1); the step needs 0 < a_0 < L and says g(a_0) = q a_0/(a_0 + κ_1(1 − a_0)) > a_0.

    Examples
    --------
    >>> out = refute_lower_push()
    >>> out["verdict"], out["counterexample"]["kappa_1"], out["counterexample"]["g(a_0)"]
    ('FAILS', '4/3', '3/14')
    """
    why = _two_basins(S) or (None if S.large_k else "the large-K regime fails: the setup has K or reference data")
    if why:
        return _undecided(f"premise not met: {why}")
    s1, s2 = S.basin(0), S.basin(1)
    outside = [x for x in S.support if x not in s1 | s2]
    if outside:
        return _undecided(f"m_t -> 0 is decided here only without outside atoms in supp p_0 ({_atoms(outside)})")
    kappa = [max(S.w[0][x] for x in s2) / S.top(0) / S.e ** 2, max(S.w[1][x] for x in s1) / S.top(1) / S.e ** 2]
    q, a = S.q[0], S.mass(s1)
    if kappa[0] == 1:
        return _undecided("kappa_1 = 1: L = (q - kappa_1)/(1 - kappa_1) is a pole")
    L = (q - kappa[0]) / (1 - kappa[0])
    g = q * a / (a + kappa[0] * (1 - a))
    if not 0 < a < L or g > a:
        return _undecided(f"the step holds at a_0 = {a} or does not apply: L = {L}, g(a_0) = {g} (kappa_1 = {kappa[0]})")
    return _fails(
        "Assumption 2.1 and m_t = 0 decided in rationals",
        f"Assumption 2.1 (i)-(iii) hold (finitely many atoms, disjoint basins, p_0(S_i) > 0) and m_t = 0 (no "
        f"atom of supp p_0 outside S_eps), yet the sharpest Delta_1 lies in (eps, 2 eps]: kappa_1 = "
        f"{kappa[0]} > 1, and a_0 = {a} in (0, L), L = {L}, has g(a_0) = {g} < a_0: g(a) - a = "
        f"a(1 - kappa_1)(L - a)/(a + kappa_1(1 - a)) takes the sign of 1 - kappa_1, so the lower iteration "
        f"is pushed away from L, and L > 1 is above every liminf a_t",
        data, kappa_1=kappa[0], kappa_2=kappa[1], q=q, a_0=a, L=L, **{"g(a_0)": g})


def _sqrt_sum_exceeds_one(A: Fraction, B: Fraction) -> bool:
    """√A + √B > 1 for rationals A, B ≥ 0, decided exactly: A + B > 1, or 4AB > (1 − A − B)²."""
    d = 1 - A - B
    return d < 0 or 4 * A * B > d * d


@_on_setup(COMPROMISE_SETUP)
def refute_outside_mass_vanishes(data: Mapping, S: _Setup, *, nash: bool = False) -> dict:
    r"""Decide "the outside mass vanishes along the hard-separation family" ([FALA26] Prop. 3.4 under B.6).

    Premises: B.2, B.3, B.6 and exact rewards (with ``nash``, Theorem 3.7's u_1(P_1) > u_1(P_2) and
    u_2(P_2) > u_2(P_1) too), in the large-K regime.  Along the family (κ_i → 0, outside atoms fixed) a
    limit without outside mass is a basin mixture p_c = c P_1 + (1 − c) P_2, where an outside atom o
    of supp p_0 has W_0(o) = q ρ_1/c + (1 − q) ρ_2/(1 − c) ≥ (√(q ρ_1) + √((1 − q) ρ_2))²; when that
    exceeds 1 (decided exactly), p_c fails the first-order condition of F_0 on supp p_0, while the
    limits maximise F (Cover's theorem), so the outside mass does not vanish.

    Examples
    --------
    >>> out = refute_outside_mass_vanishes()
    >>> out["verdict"], out["counterexample"]["W_0 at p_q"]
    ('FAILS', '3/2')
    """
    why = _two_basins(S) or _plateau(S) or (None if S.large_k else "the large-K regime fails: the setup has K")
    s1, s2 = (S.basin(0), S.basin(1)) if why is None else (frozenset(), frozenset())
    if why is None and nash and not (S.w[0][min(s1)] > S.w[0][min(s2)] and S.w[1][min(s2)] > S.w[1][min(s1)]):
        why = "Theorem 3.7's premises fail: u_1(P_1) > u_1(P_2) and u_2(P_2) > u_2(P_1) are needed"
    if why:
        return _undecided(f"premise not met: {why}")
    q = S.q[0]
    for o in (x for x in S.support if x not in s1 | s2):
        rho = (S.w[0][o] / S.top(0), S.w[1][o] / S.top(1))
        A, B = q * rho[0], (1 - q) * rho[1]
        if _sqrt_sum_exceeds_one(A, B):
            return _fails(
                "B.2, B.3, B.6 and the first-order bound decided in rationals",
                f"B.2, B.3 and B.6 hold exactly, yet the outside atom x_{o + 1} of supp p_0 has rho_1 = "
                f"{rho[0]}, rho_2 = {rho[1]}: at every basin mixture p_c of the hard-separation limit W_0(x_{o + 1}) "
                f">= (sqrt(q rho_1) + sqrt((1 - q) rho_2))^2 > 1 (4AB = {4 * A * B} > (1 - A - B)^2 = "
                f"{(1 - A - B) ** 2}, A = q rho_1, B = (1 - q) rho_2), and W_0 = {rho[0] + rho[1]} at p_q: no "
                f"basin mixture maximises F_0 on supp p_0, so the compromise atom keeps mass",
                data, atom=o + 1, rho_1=rho[0], rho_2=rho[1], q=q,
                **{"W_0 at p_q": rho[0] + rho[1], "4AB": 4 * A * B, "(1-A-B)^2": (1 - A - B) ** 2})
    return _undecided("every outside atom of supp p_0 has sqrt(q rho_1) + sqrt((1 - q) rho_2) <= 1: the step is not "
                      "refuted on this setup")


# ---------------------------------------------------------------------------------------------
# the replays

def _renumber(steps: tuple, order: tuple, swap: Mapping | None = None) -> tuple:
    """``steps`` in ``order`` (old 1-based numbers), with ``swap`` replacing some and every ``uses`` renumbered."""
    new = {old: k for k, old in enumerate(order, start=1)}
    swap = swap or {}
    return tuple(replace(s, uses=tuple(new[u] for u in s.uses))
                 for s in (swap.get(old, steps[old - 1]) for old in order))


_ARGMAX_GAP = ("Theorem 2.1's squeeze of E_{p_t}[e^r] to e^{r*} needs p_0(r = r*) > 0; with r* the maximum over "
               "every atom nothing gives it")


@lru_cache(maxsize=1)
def proof_ferbach_2_1_sup_over_atoms() -> Proof:
    r"""[FERB24] Theorem 2.1 with r* the maximum over every atom: the large-K increase, then the squeeze."""
    from pluralnash.theory._proofs_supported_finite_k import proof_ferbach_2_1_supported

    sup = proof_ferbach_2_1_supported()
    charged = Step("(2) μ_t increases to w*: the ratios to a maximiser x* squeeze μ_t to w* only if p_0 charges "
                   "it, p_1(x*) = p_0(x*) w*/μ_0 > 0 for some x* ∈ A = {w = w*}, w* the maximum over every atom",
                   sup.steps[19].statement, external=refute_argmax_charged, open_reason=_ARGMAX_GAP)
    # the large-K increase (steps 1-4), then the squeeze, then the finite-K steps and the ratios
    steps = _renumber(sup.steps, (1, 2, 3, 4, 20, *range(5, 20), 21, 22, 23), {20: charged})
    return Proof("ferbach-2.1-sup-over-atoms", "[FERB24] Theorem 2.1 with r* over every atom: the proof breaks at "
                 "step 5", "[FERB24] Theorem 2.1 with r* = max over every atom", steps=steps,
                 premises=(*sup.premises[:3], *sup.premises[4:]))


@lru_cache(maxsize=1)
def proof_lemma_3_4_as_stated() -> Proof:
    r"""[FALA26] Lemma 3.4 with the main text's Δ_i: κ_i > 0 only, so the lower iteration's step 8 breaks."""
    from pluralnash.theory._proofs_fala import k1, k2, proof_lemma_3_4

    base = proof_lemma_3_4()
    push = replace(base.steps[7], text=base.steps[7].text + " (this needs κ_1 < 1)", external=refute_lower_push,
                   open_reason="g(a) - a = a(1 - κ_1)(L - a)/(a + κ_1(1 - a)) has the sign of 1 - κ_1, and "
                               "Assumption 2.1(iii) with disjoint basins gives only Δ_1 > ε, i.e. κ_1 < e^ε")
    return replace(base, claim_id="lemma-3.4-as-stated", steps=(*base.steps[:7], push, *base.steps[8:]),
                   title="Leakage interval with the main text's Δ_i: the proof breaks at step 8",
                   source="[FALA26] Lemma 3.4, main text (Δ_i of Assumption 2.1(iii), no premise on κ_i)",
                   intervals={s: r for s, r in base.intervals.items() if s not in (k1, k2)})


def _outside_mass_step(nash: bool, uses: tuple) -> Step:
    return Step("the outside mass vanishes along the hard-separation family, lim_{Δ→∞} lim_{t→∞} m_t = 0, so the "
                "limit is a basin mixture and the basin-mass map with m = 0, b = 1 − a decides it (a limit of "
                "maximisers of F along κ_i → 0 maximises the limiting F_0)", None, uses=uses,
                cites=("Cover's theorem (1984)", "first-order necessary condition on a convex set",
                       "Berge's maximum theorem"),
                external=partial(refute_outside_mass_vanishes, nash=nash),
                open_reason="B.6 constrains the rewards on the basins only: an outside atom with "
                            "sqrt(q rho_1) + sqrt((1 - q) rho_2) > 1 keeps mass, and no premise rules it out")


def _insert(steps: tuple, at: int, step: Step) -> tuple:
    """``step`` inserted as step ``at``, the later steps' ``uses`` shifted past it."""
    shifted = tuple(replace(s, uses=tuple(u + (u >= at) for u in s.uses)) for s in steps[at - 1:])
    return (*steps[:at - 1], step, *shifted)


@lru_cache(maxsize=1)
def proof_prop_3_4_b6() -> Proof:
    r"""[FALA26] Proposition 3.4 under B.6 alone: the conditionals freeze, then step 4 (m_t → 0) breaks."""
    from pluralnash.theory._proofs_fala import proof_prop_3_4

    base = proof_prop_3_4()
    # B.6 alone: without the premise the toolkit adds for outside atoms (rho_1 + rho_2 < 1, the base's last)
    return replace(base, claim_id="prop-3.4-b6", covers=None, premises=base.premises[:-1],
                   steps=_insert(base.steps, 4, _outside_mass_step(False, (3,))),
                   title="Plateau idealisation under B.6 alone: the proof breaks at step 4",
                   source="[FALA26] Proposition 3.4 / B.3 under Assumption B.6 alone")


@lru_cache(maxsize=1)
def proof_corollary_3_8_b6() -> Proof:
    r"""[FALA26] Corollary 3.8 under B.6 alone: the Nash point, then step 4 (m_t → 0) breaks."""
    from pluralnash.theory._proofs_fala import proof_corollary_3_8

    base = proof_corollary_3_8()
    steps = _insert(base.steps, 4, _outside_mass_step(True, ()))
    steps = (*steps[:4], replace(steps[4], proved_by=("prop-3.4-b6",)), *steps[5:])
    return replace(base, claim_id="corollary-3.8-b6", steps=steps,
                   title="The plateau hard-separation limit under B.6 alone: the proof breaks at step 4",
                   source="[FALA26] Corollary 3.8 / B.8 under Assumption B.6 alone")


# ---------------------------------------------------------------------------------------------
# planted variants

#: claim id -> (its refuting step, a certified step before it to plant a wrong sign in, the refuter,
#: a setup on which the refuter must not refute the step, what that setup is)
_PLANTS = {
    "ferbach-2.1-sup-over-atoms": (5, 2, refute_argmax_charged,
                                   {**MISSED_ARGMAX_SETUP, "p0": ["1/2", "1/2"]}, "p_0 charges the argmax"),
    "lemma-3.4-as-stated": (8, 7, refute_lower_push,
                            {**KAPPA_ABOVE_ONE_SETUP, "exp_rewards": [["1", "1/10"], ["1/10", "1"]], "p0": ["1/10", "9/10"]},
                            "kappa_1 = 2/5 < 1"),
    "prop-3.4-b6": (4, 2, refute_outside_mass_vanishes,
                    {**COMPROMISE_SETUP, "exp_rewards": [["1", "1/2", "1/4"], ["1/2", "1", "1/4"]]},
                    "a dominated outside atom, rho_1 + rho_2 < 1"),
    "corollary-3.8-b6": (4, 1, partial(refute_outside_mass_vanishes, nash=True),
                         {**COMPROMISE_SETUP, "exp_rewards": [["1", "19/20", "1/2", "3/4"], ["1/2", "1/2", "1", "3/4"]],
                          "p0": ["1/4", "1/8", "3/8", "1/4"]}, "B.6 fails: w_1 varies on S_1"),
}


def planted_broken(p: Proof, claim_id: str, plants: Mapping | None = None) -> list:
    """Planted variants of a broken replay: a wrong counterexample that must not refute the breaking step,
    a wrong sign before it, and an off-by-one step reference."""
    from pluralnash.theory._proofs_planted import _wrong_sign

    k, before, refute, setup, what = (plants or _PLANTS)[claim_id]
    return [(f"wrong counterexample ({what}) offered for step {k}", p.planted(k, external=partial(refute, setup)),
             k, "NOT_CERTIFIED"),
            (f"wrong sign at step {before}", _wrong_sign(p, before), before, "FAILS"),
            (f"step {k - 1} uses step {k} (off by one)", p.planted(k - 1, uses=(k,)), k - 1, "NOT_CERTIFIED")]
