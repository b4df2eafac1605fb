r"""The exact engine's runs behind one reproduced table, and decisions on their enclosures.

Each (setting, D, q) is run once by :func:`~pluralnash.numeric.engines.continuous.run_continuous`
with rigorous enclosures (``certify=True``).  An :class:`EngineRuns` holds the records of one
reproduction: it is filled geometry by geometry (one task per (setting, D), whose runs share the
moments), possibly on several workers, and lives as long as the reproduction that made it, so no
run outlives its table.

Engine comparisons are decided on the enclosures: a comparison is certified when the enclosure
lies wholly inside or wholly outside the interval of values that round to the reported number,
and evidence only (the 20-digit point value) otherwise.
"""

from __future__ import annotations

import functools
import time
from fractions import Fraction
from typing import Any, Callable, Iterable, Sequence

import mpmath

from pluralnash._sweep import map_tasks
from pluralnash.audit.paper_tables import half_ulp
from pluralnash.audit.settings import DPS, Setting, _select
from pluralnash.numeric.arith.intervals import iv
from pluralnash.numeric.engines.continuous import run_continuous
from pluralnash.numeric.engines.continuous_certified import to_json as _iv_json

__all__ = ["EngineRuns", "selected_runs", "timed"]

_ENC_PREC = 320  # bits for arithmetic on the engine's enclosures (wider than their own precision)


def _at(setting: Setting, window: bool) -> list[int]:
    """Records at T/2 and T, or (``window``) every 5th round of [T/2, T] and T - 1 as well."""
    T = setting.T
    return [T // 2, T] if not window else list(range(T // 2, T + 1, 5)) + [T - 1]


def _portable(rec: dict) -> dict:
    """A record whose enclosures are raw interval ends (picklable, exact)."""
    out = dict(rec)
    out["enclosure"] = {k: ([x._mpi_ for x in v] if isinstance(v, list) else v._mpi_)
                        for k, v in rec["enclosure"].items()}
    return out


def _engine_task(setting: Setting, D: int, jobs: tuple) -> list:
    """One geometry (setting, D) for each (q, window) in ``jobs``: they share the moments."""
    out = []
    for q, window in jobs:
        tr = run_continuous(setting.landscape(q, D), setting.T, dps=DPS, record_at=_at(setting, window),
                            certify=True)
        out.append(((setting, D, q, window), [_portable(r) for r in tr.records]))
    return out


class EngineRuns:
    """The records of the runs (setting, D, q, window) of one reproduction, run when first needed."""

    def __init__(self) -> None:
        self._records: dict[tuple, list] = {}

    def prefetch(self, wanted: Iterable[tuple], map_fn: Callable | None = None) -> None:
        """Run the missing (setting, D, q, window) keys, one task per geometry, with ``map_fn``.

        ``map_fn(fn, args)`` returns ``[fn(*a) for a in args]`` in order (default
        :func:`~pluralnash._sweep.map_tasks` in this process); each task depends on its arguments
        alone, so the results do not depend on the mapper.
        """
        groups: dict = {}
        for key in wanted:
            if key not in self._records:
                groups.setdefault(key[:2], [])
                if key[2:] not in groups[key[:2]]:
                    groups[key[:2]].append(key[2:])
        tasks = [(st, D, tuple(jobs)) for (st, D), jobs in groups.items()]
        for result in (map_fn or map_tasks)(_engine_task, tasks):
            for key, records in result:
                self._records[key] = records

    def run(self, setting: Setting, D: int, q: Fraction, window: bool = False) -> list[dict]:
        """The records of one run (see :func:`_at` for the rounds recorded)."""
        key = (setting, D, q, window)
        if key not in self._records:
            self.prefetch([key])
        return self._records[key]

    def final(self, setting: Setting, D: int, q: Fraction) -> dict[str, Any]:
        """The record at t = T."""
        return self.run(setting, D, q)[-1]


# ----------------------------------------------------------------------------------------------
# enclosures


def _enc(rec: dict, name: str, i: int | None = None):
    """The certified enclosure of ``name`` (``Z`` with index i) in a record, as an iv interval."""
    raw = rec["enclosure"][name] if i is None else rec["enclosure"][name][i]
    return iv.make_mpf(raw)


def _finite(*xs) -> bool:
    """Whether every end of the iv intervals is finite (inf and nan have a zero mantissa, like 0)."""
    return all(man or exp == 0 for x in xs for _, man, exp, _ in x._mpi_)


def _ends(x) -> tuple[Fraction, Fraction]:
    """An iv interval's ends as exact Fractions (finite ends only: check with :func:`_finite`)."""
    out = []
    for sign, man, exp, _ in x._mpi_:
        v = Fraction(int(man)) * Fraction(2) ** int(exp)  # int: gmpy2 gives mpz
        out.append(-v if sign else v)
    return out[0], out[1]


def _decide_within(x, lo: Fraction, hi: Fraction) -> bool | None:
    """Whether the interval x lies in [lo, hi]: True (wholly inside), False (wholly outside), None."""
    if not _finite(x):
        return None
    a, b = _ends(x)
    if lo <= a and b <= hi:
        return True
    if b < lo or a > hi:
        return False
    return None


def _decide_rounds_to(x, text: str) -> bool | None:
    """Whether every value in x rounds to the printed ``text`` (True), none does (False), or undecided.

    The ends v ± h are ties, which round one way half-up and the other half-even: an enclosure
    touching one is not decided by it.
    """
    if not _finite(x):
        return None
    v, h = Fraction(text), half_ulp(text)
    a, b = _ends(x)
    if v - h < a and b < v + h:
        return True
    if b < v - h or a > v + h:
        return False
    return None


def _matches_rel(x, text: str) -> bool:
    """Whether the point value x rounds to ``text`` (evidence only)."""
    v, h = Fraction(text), half_ulp(text)
    lo, hi = v - h, v + h
    with mpmath.workdps(DPS):
        return bool(mpmath.mpf(lo.numerator) / lo.denominator <= x <= mpmath.mpf(hi.numerator) / hi.denominator)


def _comparison(x, text: str, point) -> dict[str, Any]:
    """One engine-vs-paper comparison: the enclosure, the decision, and whether it is certified."""
    decided = _decide_rounds_to(x, text)
    return {"reported": text, "enclosure": _iv_json(x), "certified": decided is not None,
            "matches": decided if decided is not None else _matches_rel(point, text)}


def selected_runs(settings: Sequence[str] | None, runs: EngineRuns | None,
                  wanted: Callable[[list[Setting]], Iterable[tuple]],
                  map_fn: Callable | None) -> tuple[EngineRuns, list[Setting]]:
    """The settings named in ``settings`` (default all) and the store ``runs`` (default a new one), with the
    runs ``wanted(selected)`` prefetched by ``map_fn`` (:meth:`EngineRuns.prefetch`)."""
    runs = EngineRuns() if runs is None else runs
    sel = _select(settings)
    runs.prefetch(wanted(sel), map_fn)
    return runs, sel


def timed(reproduce: Callable) -> Callable:
    """``reproduce`` with the wall time of each call recorded in its result's ``seconds``."""

    @functools.wraps(reproduce)
    def run(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        res = reproduce(*args, **kwargs)
        res.seconds = time.perf_counter() - start
        return res

    return run
