r"""Adversarial refinement and shrinking of finite setups (stages (c) and (d) of the falsifier).

Definitions and conventions
---------------------------
A *coordinate* of a :class:`pluralnash.numeric.Landscape` is one number a move may change: an
entry of the reward matrix (``exp_rewards`` w_i(x) > 0 or ``rewards`` r_i(x)), one mass of a
point on a simplex (``weights`` q, ``p0``, ``reference``; the point is renormalised exactly after
the move), ``eps`` / ``exp_eps`` or ``lam``.

*Refinement* is a pattern search (a derivative-free coordinate search in the spirit of
Hooke–Jeeves): each move multiplies (exp form, masses) or shifts (log form) one coordinate,
the result is rounded to a decimal rational with a few significant digits, and the move is kept
when every premise is certified to hold and the conclusion's margin ``evidence["margin"]``
(positive while the conclusion holds with room) goes down.  Every candidate is decided by the
claim's own exact or interval check, so a FAILS found here is certified as it stands.

*Shrinking* tries simpler versions of a certified counterexample (an atom dropped, a coordinate
set to its simplest value or rounded to fewer digits, a simplex point made uniform) and keeps one
whenever it is still a certified counterexample, until no move helps or the time is up.

*Stopping short of a boundary*: a candidate its check leaves UNDECIDED sits on (or within rounding
of) the conclusion's exact boundary, where a margin of 0 cannot be certified either way.  The
refinement then takes the same move at a shorter step (:func:`shorter`), and a screen candidate
is rationalised again one small step away (:func:`nudges`), so that a candidate is either decided
or not produced.
"""

from __future__ import annotations

import dataclasses
import math
import time
from fractions import Fraction
from typing import Any, Callable, Iterator

from pluralnash.numeric import Landscape

__all__ = ["moves", "move", "simpler", "complexity", "rational", "shorter", "nudges", "pattern_search"]

F = Fraction
_SIMPLEX_FIELDS = ("weights", "p0", "reference")


def rational(x: float, digits: int = 6) -> Fraction:
    """``x`` as a decimal rational with ``digits`` significant digits.

    Examples
    --------
    >>> rational(0.1234567), rational(2 / 3, 2)
    (Fraction(123457, 1000000), Fraction(67, 100))
    """
    return F(f"{x:.{digits}g}")


def complexity(setup: Landscape) -> int:
    """Characters needed to write the setup's numbers: the order shrinking descends."""
    total = 0
    for name in ("exp_rewards", "rewards"):
        mat = getattr(setup, name)
        if mat is not None:
            total += sum(len(str(v)) for row in mat for v in row)
    for name in (*_SIMPLEX_FIELDS, "eps", "exp_eps", "lam"):
        val = getattr(setup, name)
        if val is None:
            continue
        total += sum(len(str(v)) for v in val) if isinstance(val, tuple) else len(str(val))
    return total + 50 * setup.n + 50 * setup.m


def _replace(setup: Landscape, **changes: Any) -> Landscape | None:
    try:
        return dataclasses.replace(setup, **changes)
    except (ValueError, ZeroDivisionError, ArithmeticError):
        return None


def _normalised(values: list[Fraction]) -> tuple[Fraction, ...] | None:
    total = sum(values, F(0))
    if total <= 0 or any(v < 0 for v in values):
        return None
    return tuple(v / total for v in values)


def _matrix_field(setup: Landscape) -> str:
    return "exp_rewards" if setup.exp_rewards is not None else "rewards"


def _with_entry(setup: Landscape, i: int, k: int, value: Fraction) -> Landscape | None:
    name = _matrix_field(setup)
    mat = [list(row) for row in getattr(setup, name)]
    if mat[i][k] == value:
        return None
    mat[i][k] = value
    return _replace(setup, **{name: mat})


def _with_mass(setup: Landscape, name: str, k: int, value: Fraction) -> Landscape | None:
    vec = list(getattr(setup, name))
    if len(vec) < 2 or value <= 0 or vec[k] == value:
        return None
    vec[k] = value
    point = _normalised(vec)
    return None if point is None else _replace(setup, **{name: point})


_SCALAR_FIELDS = (("exp_eps", 0, 1), ("lam", 0, 1), ("eps", 0, math.inf))


def _keys(setup: Landscape) -> Iterator[tuple]:
    """The keys of the moves of ``setup``, in the order :func:`moves` tries them."""
    name = _matrix_field(setup)
    for i, row in enumerate(getattr(setup, name)):
        for k in range(len(row)):
            for direction in (1, -1):
                yield name, i, k, direction
    for field in _SIMPLEX_FIELDS:
        vec = getattr(setup, field)
        if vec is not None:
            for k in range(len(vec)):
                for direction in (1, -1):
                    yield field, k, direction
    for field, _, _ in _SCALAR_FIELDS:
        if getattr(setup, field) is not None:
            for direction in (1, -1):
                yield field, direction


def _move(setup: Landscape, key: tuple, scale: float, digits: int) -> Landscape | None:
    """The neighbour of ``setup`` that the move ``key`` (one of :func:`_keys`) reaches, or None."""
    if key[0] in ("exp_rewards", "rewards"):
        name, i, k, direction = key
        v = getattr(setup, name)[i][k]
        if name == "exp_rewards":
            new = rational(float(v) * scale ** direction, digits)
            if new <= 0:
                return None
        else:
            new = rational(float(v) + direction * math.log(scale), digits)
        return _with_entry(setup, i, k, new)
    if key[0] in _SIMPLEX_FIELDS:
        field, k, direction = key
        new = rational(max(float(getattr(setup, field)[k]), 1e-300) * scale ** direction, digits)
        return _with_mass(setup, field, k, new)
    field, direction = key
    lo, hi = next((lo, hi) for f, lo, hi in _SCALAR_FIELDS if f == field)
    v = getattr(setup, field)
    x = float(v)
    new = x * scale ** direction if hi == math.inf else 1 - (1 - x) * scale ** (-direction)
    if not lo < new < hi:
        return None
    cand = _replace(setup, **{field: rational(new, digits)})
    return cand if cand is not None and getattr(cand, field) != v else None


def moves(setup: Landscape, scale: float, digits: int = 6) -> Iterator[tuple[tuple, Landscape]]:
    """Neighbours of ``setup`` at step ``scale`` (a factor > 1 in exp form and on masses), each with
    a key naming the move, so that a successful move can be repeated (a pattern move)."""
    for key in _keys(setup):
        cand = _move(setup, key, scale, digits)
        if cand is not None:
            yield key, cand


def move(setup: Landscape, key: tuple, scale: float, digits: int = 6) -> Landscape | None:
    """``dict(moves(setup, scale, digits)).get(key)``, building only the one neighbour it returns."""
    return _move(setup, key, scale, digits) if key in set(_keys(setup)) else None


def shorter(setup: Landscape, key: tuple, scale: float) -> Iterator[Landscape]:
    """The move ``key`` of :func:`moves` from ``setup`` at the steps scale^(1/2), scale^(1/4), scale^(1/8),
    rounded to 8, 10 and 12 digits: short of where the full step landed."""
    for j in (1, 2, 3):
        cand = move(setup, key, scale ** (0.5 ** j), 6 + 2 * j)
        if cand is not None:
            yield cand


def nudges(setup: Landscape, scale: float = 1.01) -> Iterator[Landscape]:
    """The neighbours of ``setup`` one step of 1% away, rounded to 8 digits (none for a setup that is not a
    finite :class:`~pluralnash.numeric.Landscape`)."""
    if not isinstance(setup, Landscape):
        return
    for _, cand in moves(setup, scale, 8):
        yield cand


def pattern_search(state: Any, setup: Landscape, evaluations: int) -> int:
    """Hooke–Jeeves-style descent of the margin from ``setup``: try each move; repeat a move that
    lowered the margin while it keeps lowering it; then try finer steps.  ``state`` is the search's
    (``decide``, ``see`` and the setup it ``kept``: a shorter step where a move landed on a boundary).
    Returns the candidates spent."""
    kind, margin, record = state.decide(setup, count=False)
    if margin is None:
        return 0
    spent = 0
    for scale in (10.0, 3.0, 1.5, 1.1, 1.02):
        improved = True
        while improved:
            improved = False
            for key, cand in moves(setup, scale):
                if spent >= evaluations:
                    return spent
                spent += 1
                m = state.see(cand, shorter(setup, key, scale))
                if m is None or m >= margin:
                    continue
                setup, margin, improved = state.kept, m, True
                while spent < evaluations:  # the pattern move: the same step again
                    again = move(setup, key, scale)
                    if again is None:
                        break
                    spent += 1
                    m = state.see(again, shorter(setup, key, scale))
                    if m is None or m >= margin:
                        break
                    setup, margin = state.kept, m
                break
    return spent


def _drop_atom(setup: Landscape, k: int) -> Landscape | None:
    if setup.n < 2:
        return None
    name = _matrix_field(setup)
    mat = [[v for j, v in enumerate(row) if j != k] for row in getattr(setup, name)]
    changes: dict[str, Any] = {name: mat, "atoms": None}
    for field in ("p0", "reference"):
        vec = getattr(setup, field)
        if vec is not None:
            point = _normalised([v for j, v in enumerate(vec) if j != k])
            if point is None:
                return None
            changes[field] = point
    return _replace(setup, **changes)


def _drop_reward(setup: Landscape, i: int) -> Landscape | None:
    if setup.m < 2:
        return None
    name = _matrix_field(setup)
    mat = [row for j, row in enumerate(getattr(setup, name)) if j != i]
    q = _normalised([v for j, v in enumerate(setup.weights) if j != i])
    return None if q is None else _replace(setup, **{name: mat, "weights": q})


def simpler(setup: Landscape) -> Iterator[Landscape]:
    """Candidate simplifications of ``setup``, the boldest first."""
    for k in range(setup.n):
        cand = _drop_atom(setup, k)
        if cand is not None:
            yield cand
    for i in range(setup.m):
        cand = _drop_reward(setup, i)
        if cand is not None:
            yield cand
    for field in _SIMPLEX_FIELDS:
        vec = getattr(setup, field)
        if vec is not None and len(set(vec)) > 1:
            cand = _replace(setup, **{field: tuple([F(1, len(vec))] * len(vec))})
            if cand is not None:
                yield cand
    name = _matrix_field(setup)
    top = F(1) if name == "exp_rewards" else F(0)
    for digits in (1, 2, 3):
        for i, row in enumerate(getattr(setup, name)):
            for k, v in enumerate(row):
                for new in ((top,) if digits == 1 else ()) + (rational(float(v), digits),):
                    if new != v and (name == "rewards" or new > 0):
                        cand = _with_entry(setup, i, k, new)
                        if cand is not None:
                            yield cand
        for field in _SIMPLEX_FIELDS:
            vec = getattr(setup, field)
            if vec is None:
                continue
            for k, v in enumerate(vec):
                new = rational(float(v), digits)
                if new > 0 and new != v:
                    cand = _with_mass(setup, field, k, new)
                    if cand is not None:
                        yield cand
        for field in ("exp_eps", "lam", "eps"):
            v = getattr(setup, field)
            if v is not None:
                new = rational(float(v), digits)
                if new != v and new > 0:
                    cand = _replace(setup, **{field: new})
                    if cand is not None:
                        yield cand


def shrink(setup: Landscape, is_counterexample: Callable[[Landscape], Any], *, seconds: float) -> tuple[Landscape, Any, int]:
    """Greedy descent in :func:`complexity` over :func:`simpler`, within ``seconds`` of CPU time.

    ``is_counterexample(candidate)`` returns a truthy record for a certified counterexample (kept
    with the shrunk setup) and None otherwise.  Returns (setup, record, candidates tried).
    """
    deadline = time.process_time() + seconds  # CPU time: the load of the machine does not change the result
    record, tried = None, 0
    improved = True
    while improved and time.process_time() < deadline:
        improved = False
        size = complexity(setup)
        for cand in simpler(setup):
            if time.process_time() >= deadline:
                break
            if complexity(cand) >= size:
                continue
            tried += 1
            rec = is_counterexample(cand)
            if rec is not None:
                setup, record, improved = cand, rec, True
                break
    return setup, record, tried
