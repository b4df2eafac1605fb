r"""Which replay premise encodes which premise of the registered claim: one declared map per replay.

A replay (:class:`pluralnash.theory._proof.Proof`) states its premises as sympy relations; the
registered claim states its premises by name.  A :class:`PremiseMap` declares, beside the replays
(:data:`PREMISE_MAPS`), how the two correspond, and :func:`match_premises` checks the declaration
against the replay by code.

References
----------
A claim premise is encoded by references, each one of

* ``"premise k"``: the replay's k-th premise (1-based);
* ``"step k"``: the replay's step k derives or uses it;
* ``"range s"``: the open interval the replay gives symbol ``s`` (``Proof.intervals``);
* ``"symbol s"``: the replay keeps the quantity as the symbol ``s``, with its declared assumptions
  (a claim premise that restricts it, e.g. to rationals, is a special case of what the replay proves).

The match (sound bookkeeping, not a proof)
------------------------------------------
1. Every claim premise is named by the map, with at least one reference, and every reference
   resolves in the replay (the premise, step, range or symbol exists).
2. Every replay premise is supported: referenced by some claim premise, introduced by a step
   (``by_step``), or a definition (``definitions``, an equation naming a quantity).  A replay
   premise supported by none of these strengthens the claim: the replay then proves a special case,
   and so does one with declared ``strengthens`` references; either way ``Proof.covers`` must say so.
3. A map naming a claim premise the claim does not have is inconsistent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

import sympy

__all__ = ["PREMISE_MAPS", "PremiseMap", "PremiseMatch", "match_premises"]


@dataclass(frozen=True)
class PremiseMap:
    """Claim premise name -> references encoding it; see the module docstring."""

    claim: Mapping[str, tuple]
    by_step: Mapping[int, int] = field(default_factory=dict)
    definitions: Mapping[int, str] = field(default_factory=dict)
    strengthens: tuple = ()


@dataclass(frozen=True)
class PremiseMatch:
    """The outcome of :func:`match_premises`: ``consistent`` when no problem was found."""

    claim_id: str
    problems: tuple
    special: tuple
    covers: str | None
    mapping: Mapping

    @property
    def consistent(self) -> bool:
        return not self.problems

    def __bool__(self) -> bool:
        raise TypeError("a PremiseMatch has no truth value; test `match.consistent`")

    def to_json(self) -> dict:
        return {"claim": self.claim_id, "consistent": self.consistent, "problems": list(self.problems),
                "special_case_premises": list(self.special), "covers": self.covers,
                "mapping": {k: list(v) for k, v in self.mapping.items()}}


def _proof_symbols(proof) -> set:
    names = set()
    for rel in (*proof.premises, *(s.statement for s in proof.steps if s.statement is not None)):
        for atom in rel.atoms(sympy.Symbol, sympy.IndexedBase):
            names.add(str(atom))
    return names


def _resolve(ref: str, proof, symbols: set) -> str | None:
    """``None`` when ``ref`` names something in the replay; otherwise why it does not."""
    kind, _, arg = ref.partition(" ")
    if kind in ("premise", "step"):
        size = len(proof.premises) if kind == "premise" else len(proof.steps)
        ok = arg.isdigit() and 1 <= int(arg) <= size
        return None if ok else f"{ref!r} is not one of the replay's {size} {kind}s"
    if kind == "range":
        ranged = {str(s) for s in proof.intervals} & symbols
        return None if arg in ranged else f"{ref!r}: the replay gives no range to a symbol {arg!r} it uses"
    if kind == "symbol":
        return None if arg in symbols else f"{ref!r}: the replay has no symbol {arg!r}"
    return f"{ref!r} is not a reference (premise k, step k, range s or symbol s)"


def _claim_side(claim_names, pmap: PremiseMap, proof, symbols: set) -> list:
    problems = []
    for name in claim_names:
        refs = pmap.claim.get(name, ())
        if not refs:
            problems.append(f"claim premise {name!r} is not encoded by any replay premise or step")
        problems += [f"claim premise {name!r}: {why}" for ref in refs
                     if (why := _resolve(ref, proof, symbols)) is not None]
    problems += [f"the map names {name!r}, which is not a premise of the claim"
                 for name in pmap.claim if name not in claim_names]
    return problems


def _replay_side(pmap: PremiseMap, proof) -> tuple[list, list]:
    problems, special = [], []
    mapped = {ref for refs in pmap.claim.values() for ref in refs}
    for k, rel in enumerate(proof.premises, start=1):
        if f"premise {k}" in mapped:
            continue
        if k in pmap.by_step:
            if not 1 <= pmap.by_step[k] <= len(proof.steps):
                problems.append(f"replay premise {k} ({rel}) is said to come from step {pmap.by_step[k]}, "
                                f"which the replay does not have")
            continue
        if k in pmap.definitions:
            if not isinstance(rel, sympy.Eq):
                problems.append(f"replay premise {k} ({rel}) is declared a definition but is not an equation")
            continue
        special.append(f"premise {k}: {rel}")
    special += list(pmap.strengthens)
    return problems, special


def match_premises(proof, claim_names, pmap: PremiseMap | None) -> PremiseMatch:
    """Compare ``proof``'s premises with the claim's premise names through ``pmap`` (module docstring)."""
    claim_names = tuple(claim_names)
    if pmap is None:
        return PremiseMatch(proof.claim_id, ("the replay declares no premise map",), (), proof.covers, {})
    symbols = _proof_symbols(proof)
    problems = _claim_side(claim_names, pmap, proof, symbols)
    replay_problems, special = _replay_side(pmap, proof)
    problems += replay_problems
    problems += [f"{why} (strengthened assumption)" for ref in pmap.strengthens
                 if (why := _resolve(ref, proof, symbols)) is not None]
    if special and proof.covers is None:
        problems.append("the replay proves a special case (" + "; ".join(special) + ") but its covers "
                        "does not say so")
    return PremiseMatch(proof.claim_id, tuple(problems), tuple(special), proof.covers, dict(pmap.claim))


_LARGE_K_33 = {"large-K regime": ("premise 2",)}
_FINITE_K = {"exact rewards": ("symbol E_1",), "finite K": ("symbol K", "step 2")}
_LARGE_K = {"exact rewards": ("symbol e",), "model": ("premise 1", "step 3")}
_TWO_BASINS = {"B.2, B.3": ("step 4",), "B.6": ("step 1",), "exact rewards": ("symbol Delta_1", "symbol Delta_2"),
               "m_t -> 0 along the hard-separation family": ("step 4",)}
_BASIN_RANGE = {"large-K regime": ("step 3",), "Assumption 2.1(i)": ("step 3",),
                "Assumption 2.1(ii)": ("step 3",), "Assumption 2.1(iii)": ("step 3",), "m_t -> 0": ("step 4",)}


def _leakage_map(shift: int = 0, kappa: bool = True) -> PremiseMap:
    """The map of the leakage-interval replay ([FALA26] Lemma 3.4), its steps shifted by ``shift`` (the K = 2
    reading inserts one step first), with the premise kappa_i < 1 or without it (the main-text reading)."""
    st = lambda *ns: tuple(f"step {n + shift}" for n in ns)  # noqa: E731
    claim = {"Assumption 2.1(i)": ("premise 3", *st(2)), "Assumption 2.1(ii)": (*st(5, 14), "premise 10"),
             "Assumption 2.1(iii)": ("premise 1", "premise 2", "premise 14")}
    if shift:  # the K = 2 reading: finite K in place of the large-K regime, one atom per basin (m_t = 0)
        claim.update({"finite K": ("premise 4", *st(0, 1)), "m_t = 0": (*st(12), "premise 11")})
        claim["Assumption 2.1(ii)"] = (*st(0, 5, 14), "premise 10")
    else:
        claim.update({"large-K regime": ("premise 4", *st(11)), "m_t -> 0": (*st(12), "premise 11")})
    if kappa:
        claim["kappa_i < 1"] = ("range kappa_1", "range kappa_2")
    # premise -> the step that introduces it (the case it opens, or the limit fact it states)
    by_step = {5: 8, 8: 10, 9: 17, 11: 12, 12: 14, 13: 14, 14: 14, 15: 13}
    return PremiseMap(claim, by_step={k: v + shift for k, v in by_step.items()},
                      definitions={6: "T_1 = p_t^(1)(S_1), the tilted basin mass",
                                   7: "kappa_1 = e^{-(Delta_1 - 2 eps)}",
                                   10: "a_inf + b_inf + m_inf = 1, the masses of p_inf"})


def _ferbach_map(charged: bool) -> PremiseMap:
    """The map of the [FERB24] Theorem 2.1 replay: with the premise p_0(r = r*) > 0 (its premise 4, its step 20),
    or without it (r* over every atom: the premises after it move up by one, the squeeze comes fifth)."""
    claim = {"model": ("premise 1", "premise 3", "symbol w"), "one reward": ("symbol w", "step 1"),
             "exact rewards": ("symbol w",)}
    # premise -> the step introducing it (Lagrange's identity, the candidates' bound, the expectations, R >= R_0)
    by_step = {6: 7, 8: 9, 9: 11, 11: 12, 12: 13, 13: 16}
    definitions = {2: "w* - mu_t, with mu_t = E_{p_t}[w] and p_t a distribution", 5: "D = K Q - S^2",
                   7: "S, the candidates' total reward", 10: "E[w^2] = V_t + mu_t^2"}
    if charged:
        claim["p_0 charges the argmax"] = ("premise 4", "step 20")
        return PremiseMap(claim, by_step=by_step, definitions=definitions)
    return PremiseMap(claim, by_step={k - 1: v + 1 for k, v in by_step.items()},
                      definitions={k - (k > 4): v for k, v in definitions.items()})


def _convergence_definitions(first: int) -> dict:
    """The definitions of the convergence block's premises (``pluralnash.theory._proofs_general``), from ``first``."""
    names = ("q_{m+1}, a reward of weight zero", "W_t(x), the update's weight", "W*(x), the weight at p*",
             "Z*_i = Z_i(p*)", "the weights q_i on the simplex", "p*, a distribution")
    return {first + k: name for k, name in enumerate(names)}


#: One declared map per replay, keyed like :data:`pluralnash.theory._proofs_fala.PROOFS`.
PREMISE_MAPS = {
    "theorem-3.7": PremiseMap({"two basins": ("premise 1", "premise 2", "step 1")}),
    "lemma-3.3-appendix": PremiseMap(
        {**_LARGE_K_33, "Assumption B.2": ("step 8",), "Assumption B.3": ("premise 5", "step 8"),
         "Assumption B.4": ("premise 3", "range rho")},
        by_step={4: 6}, definitions={1: "m_t, the mass outside S_eps"}),
    "lemma-3.3": PremiseMap(
        {**_LARGE_K_33, "Assumption 2.1(i)": ("step 1",), "Assumption 2.1(iii)": ("step 1", "premise 5")},
        by_step={3: 1, 4: 7}, definitions={1: "m_t, the mass outside S_eps"}),
    "theorem-3.6": PremiseMap(
        {"B.2, B.3": ("step 1",), "exact rewards": ("symbol mu_1", "symbol mu_2"), "m_t -> 0": ("step 1", "step 20"),
         "a_inf in (0, 1)": ("range a",), "B.5": ("premise 1", "premise 2", "step 4")},
        by_step={3: 5, 10: 12}, definitions=_convergence_definitions(4)),
    "lemma-3.4": _leakage_map(),
    "prop-3.4": PremiseMap({"B.2, B.3": ("step 3", "step 5"), "B.6": ("step 1",),
                            "exact rewards": ("symbol kappa_1", "symbol kappa_2"),
                            "m_t -> 0 along the hard-separation family": ("premise 3", "step 9")},
                           by_step={1: 5, 2: 5}),
    "plateau-exact": PremiseMap({"model": ("range q", "step 1"), "B.6, no outside mass": ("premise 1", "step 1")}),
    "lemma-3.2": PremiseMap({**_LARGE_K, "bounded rewards": ("premise 2", "step 3")}),
    # finitely many atoms and w = e^r > 0: the rewards are bounded, so the model gives both bounds by ℓ
    "ferbach-lemma-2.2": PremiseMap({**_LARGE_K, "model": ("premise 1", "premise 2", "step 3"),
                                     "one reward": ("step 6",)}),
    "lemma-3.1": PremiseMap({**_FINITE_K, "model": ("step 5",)},
                            definitions={1: "P_sel, the selection probability", 2: "H, the selection factor"}),
    "ferbach-lemma-2.1": PremiseMap({**_FINITE_K, "model": ("step 5",), "one reward": ("step 4",)},
                                    definitions={1: "P_sel, the selection probability", 2: "H, the selection factor"}),
    "corollary-3.8": PremiseMap({**_TWO_BASINS, "Theorem 3.7 premises": ("step 1", "step 2", "step 3")},
                                by_step={1: 3, 2: 4}),
    "lemma-3.5": PremiseMap({**_BASIN_RANGE, "q in (kappa_1, 1 - kappa_2)": ("premise 1", "premise 2")}),
    "collapse-criterion": PremiseMap({"model": ("premise 1", "symbol w"), "non-degenerate": ("step 7",)},
                                     definitions={2: "q_{m+1}, a reward of weight zero"}),
    "nash-limit": PremiseMap({"full support": ("step 4", "step 18"), "exact rewards": ("symbol w",)},
                             by_step={7: 11}, definitions=_convergence_definitions(1)),
    "mixing-fixed-point": PremiseMap(
        {"single reward": ("symbol w", "step 1"), "mixing, lam < 1": ("range lambda", "premise 2"),
         "support": ("step 8",), "exact rewards": ("symbol w",)},
        by_step={1: 3, 3: 5}, definitions={4: "Z* = sum_x p*(x) w(x), the mean reward at p*"}),
    "ferbach-2.1-supported": _ferbach_map(charged=True),
    "finite-k-limit": PremiseMap({"model": ("symbol q", "symbol w"), "interior limit": ("premise 1", "step 5")}),
    "mixing-several-rewards": PremiseMap(
        {"several rewards": ("premise 1", "symbol q"), "mixing, lam < 1": ("range lambda", "premise 2"),
         "support": ("step 16",), "exact rewards": ("symbol v",)},
        by_step={3: 7}),
    "continuous-closed-form": PremiseMap(
        {"quadratic setup": ("symbol beta", "step 4", "premise 3")},
        definitions={1: "Z_1(2), the first normalising constant", 2: "Z_2(2), the second normalising constant"}),
    "ferbach-2.1-sup-over-atoms": _ferbach_map(charged=False),
    "lemma-3.4-as-stated": _leakage_map(kappa=False),
    "lemma-3.4-at-k-2": _leakage_map(shift=1),
    "lemma-3.5-at-k-2": PremiseMap(
        {"finite K": ("step 3", "step 4"), "Assumption 2.1(i)": ("step 4",),
         "Assumption 2.1(ii)": ("step 3", "step 4"), "Assumption 2.1(iii)": ("step 4",), "m_t = 0": ("step 5",),
         "q in (kappa_1, 1 - kappa_2)": ("premise 1", "premise 2")}),
    "lemma-3.3-continuous": PremiseMap(
        {"two centres, d = 1": ("premise 2", "step 1"), "Assumption 2.1 (continuous)": ("step 1", "premise 5")},
        by_step={3: 1, 4: 7}, definitions={1: "m_t, the mass outside S_eps"}),
    "prop-3.4-b6": PremiseMap({"B.2, B.3": ("step 3", "step 4"), "B.6": ("step 1", "step 4"),
                               "exact rewards": ("symbol kappa_1", "symbol kappa_2")},
                              by_step={1: 6, 2: 6}),
    "corollary-3.8-b6": PremiseMap(
        {"B.2, B.3": ("step 4", "step 5"), "B.6": ("step 1", "step 4"),
         "exact rewards": ("symbol Delta_1", "symbol Delta_2"), "Theorem 3.7 premises": ("step 1", "step 2", "step 3")},
        by_step={1: 3, 2: 5}),
    "lemma-3.3-repaired": PremiseMap(
        {"large-K regime": ("step 1",), "outside atoms dominated": ("premise 1", "premise 2", "step 6")},
        by_step={4: 6}, definitions={3: "q^0_k, the rewards of weight zero"}),
    "lemma-3.3-sharp": PremiseMap({"large-K regime": ("step 1",)}, by_step={1: 1},
                                  definitions={2: "m_t, the mass outside S_eps"}),
}
