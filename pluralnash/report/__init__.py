r"""``pluralnash report``: every registered claim decided, written up for a reviewer, with figures.

Layout of the report folder::

    REPORT.md, REPORT.html       the report (the HTML is self-contained: figures embedded)
    report.json                  the verdicts (the shape of ``verify --json``) and the figure data
    figures/*.png                with matplotlib (the ``plot`` extra) only
    counterexamples/*.json       setup files, re-run with ``pluralnash check CLAIM --setup FILE``
    setups/*.json                the setups behind the figures, re-run with ``pluralnash run/limit``
    proofs/*.json                the proof replays of the reported claims, as ``pluralnash prove CLAIM --json``
    .pluralnash-manifest.json    every file above with its SHA-256: what ``--force`` may replace

Writes are atomic: the report is built in a hidden temporary folder beside the target
(``.NAME.partial-*``) and renamed into place at the end; an interrupted or failed run removes it,
so a folder named like the target is always complete.  An existing non-empty target is refused
unless ``force=True``, and even then only if every file in it is listed, unchanged, in its
manifest; of an old report only the listed files are deleted.  The current folder, the home folder
and symbolic links are never targets (:mod:`pluralnash.report.folder`).

The report is deterministic: same claims, profile, seed and library versions, same ``REPORT.md``
and ``report.json``, whatever runs the sweeps.  The claims (each claim and each control one task),
the rows of the phase diagram and the values of K of the finite-K figure are independent tasks
(:func:`pluralnash._sweep.map_tasks`), spread over ``workers`` local processes or over any
``concurrent.futures.Executor`` passed as ``executor`` (e.g. a Dask ``distributed`` client's
``client.get_executor()``); the figures, the counterexample re-checks and the writing stay in
this process.
"""

from __future__ import annotations

import json
import math
import os
import platform
import time
from dataclasses import dataclass
from fractions import Fraction
from concurrent.futures import Executor
from typing import Any, Callable, Sequence

from pluralnash.report import folder
from pluralnash.report.doc import Bold, Code, Document, Link
from pluralnash.report.proofs import proof_section
from pluralnash._sweep import check_workers, pool
from pluralnash._ladder import run_status
from pluralnash.theory import ClaimVerdict, InvalidArgument
from pluralnash.theory._words import plural

__all__ = ["ReportSummary", "write_report"]

_MARKER = "REPORT.md"


@dataclass(frozen=True)
class ReportSummary:
    """What a report run wrote: the folder, the verdict counts, the files, and whether it has figures."""

    path: str
    verdicts: dict[str, str]
    figures: tuple[str, ...]
    counterexamples: tuple[str, ...]
    elapsed: float
    kept: str | None = None  # an old report's folder kept aside because it held files not listed as ours
    status: int = 0  # the exit status, as ``verify``'s: 0 all as expected, 1 a claim FALSIFIED, 3 a control not rejected


def write_report(out: str, *, claims: Sequence[str] | None = None, profile: str = "default", seed: int = 0,
                 force: bool = False, say: Callable[[str], None] = lambda text: None,
                 command: str | None = None, workers: int | None = None,
                 executor: Executor | None = None) -> ReportSummary:
    r"""Decide the claims and write the report folder ``out`` atomically.

    Parameters
    ----------
    out : str
        Target folder; created (with its parents) if missing.
    claims : sequence of str, optional
        Claim ids (default: every registered claim, in the paper's order).
    profile : {"quick", "default", "thorough"}
        Property-search budget, and the size of the figures' grids.
    seed : int
        Search seed.
    force : bool
        Replace an existing report in ``out``.
    say : callable, optional
        Receives one-line progress messages.
    command : str, optional
        The command line to print in the report (default: rebuilt from the arguments).
    workers : int, optional
        Without an executor: spread the sweeps over this many local processes (1 = this process).
    executor : concurrent.futures.Executor, optional
        Run the sweeps there instead, e.g. ``client.get_executor()`` of a Dask ``distributed``
        client; not shut down here.  The report does not depend on where the sweeps ran.

    Returns
    -------
    ReportSummary

    Raises
    ------
    InvalidArgument
        For an unknown claim or profile, a bad ``workers`` or ``executor``, or a target that may not
        be replaced.
    """
    from pluralnash._registry import PROFILES, all_claims, get_claim

    if profile not in PROFILES:
        raise InvalidArgument(f"profile={profile!r} is not one of {', '.join(PROFILES)}; pick one of them")
    check_workers(workers)
    chosen = [get_claim(c) for c in claims] if claims else all_claims()
    shown, out = out, os.path.abspath(out)
    folder.check_target(out, force, shown)
    parent, name = os.path.split(out.rstrip(os.sep))
    tmp = folder.new_partial(parent, name, shown)
    if command is None:
        command = " ".join(["pluralnash report --out", name, *([c.id for c in chosen] if claims else []),
                            "--profile", profile, "--seed", str(seed)])
    start = time.perf_counter()
    try:
        folder.make_partial(tmp, shown)  # before any work: is the folder writable?
        with pool(executor=executor, workers=workers) as ex:
            built = _Builder(tmp, chosen, profile, seed, say, command, ex).build()
        folder.write_manifest(tmp)
        kept = folder.install(tmp, out, force, shown)
    except folder.PartialClash:
        raise
    except BaseException:
        folder.remove_partial(tmp)
        raise
    return ReportSummary(path=out, verdicts=built["verdicts"], figures=tuple(built["figures"]),
                         counterexamples=tuple(built["counterexamples"]), elapsed=time.perf_counter() - start,
                         kept=kept, status=built["status"])


def _normal_permissions(root: str) -> None:
    """mkdtemp/mkstemp create private (0700/0600) entries; give the report the user's usual modes."""
    mask = os.umask(0)
    os.umask(mask)
    for here, dirs, files in os.walk(root):
        os.chmod(here, 0o777 & ~mask)
        for f in files:
            os.chmod(os.path.join(here, f), 0o666 & ~mask)


# ----------------------------------------------------------------------------------------------
# formatting helpers


def _s(value: Any) -> str:
    """A value as the report prints it: exact fractions as a/b, floats short."""
    from pluralnash.numeric.arith.format import general_text

    return general_text(value, 6) if isinstance(value, float) else str(value)


def _dec(value: Any, digits: int = 6) -> str:
    from pluralnash.numeric.arith.format import general_text

    return general_text(value, digits)


def _count(count, noun: str) -> str:
    """``plural(count, noun)``, or "? setups" when the evidence does not record the count."""
    return plural(count, noun) if isinstance(count, int) else f"? {noun}s"


def _clip(text: str, width: int) -> str:
    from pluralnash.numeric.arith.format import clip_text

    return clip_text(" ".join(str(text).split()), width)


def _compact(value: Any, width: int = 160) -> str:
    if isinstance(value, (dict, list, tuple)):
        from pluralnash.numeric.model.fileio import json_default as _json_default

        return _clip(json.dumps(value, default=_json_default), width)
    return _clip(_s(value), width)


def _anchor(claim_id: str) -> str:
    return "claim-" + "".join(ch if ch.isalnum() or ch in "-." else "-" for ch in claim_id)


def _file_name(claim_id: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-.~_" else "_" for ch in claim_id) + ".json"


def _checked_rows(items: Any, depth: int = 0) -> list[list[Any]]:
    """Rows (step, verdict, how) for a symbolic certificate's nested ``checked`` list."""
    rows = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        ev = item.get("evidence") or {}
        how = ev.get("via") or ev.get("method") or item.get("method") or ""
        if "reduced_to" in ev:
            how = f"{how}; reduced to {_clip(ev['reduced_to'], 40)}" if how else f"reduced to {_clip(ev['reduced_to'], 40)}"
        rows.append([("· " * depth) + _clip(item.get("name", "?"), 110), item.get("verdict", "?"), _clip(how, 60)])
        if isinstance(ev, dict) and isinstance(ev.get("checked"), list):
            rows += _checked_rows(ev["checked"], depth + 1)
    return rows


# ----------------------------------------------------------------------------------------------
# the builder


class _Builder:
    def __init__(self, root: str, claims, profile: str, seed: int, say, command: str,
                 executor: Executor | None = None):
        self.root, self.claims, self.profile, self.seed = root, claims, profile, seed
        self.say, self.command, self.executor = say, command, executor
        self.figures: list[str] = []
        self.counterexamples: list[str] = []
        self.proofs: list[str] = []
        self.data: dict[str, Any] = {}

    # -- files ---------------------------------------------------------------------------------

    def _path(self, rel: str) -> str:
        path = os.path.join(self.root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        return path

    def _write_text(self, rel: str, text: str) -> None:
        with open(self._path(rel), "w", encoding="utf-8") as fh:
            fh.write(text)

    def _save_setup(self, rel: str, landscape) -> str:
        from pluralnash.numeric import save_setup

        save_setup(landscape, self._path(rel))
        return rel

    # -- the whole report ----------------------------------------------------------------------

    def build(self) -> dict[str, Any]:
        from pluralnash import __version__
        from pluralnash.report.figures import have_matplotlib
        from pluralnash._registry import PROFILES, run_claim, run_claims

        if self.executor is None:
            reports = []
            for k, claim in enumerate(self.claims, 1):
                self.say(f"report: [{k}/{len(self.claims)}] {claim.id} ({self.profile} profile)")
                reports.append(run_claim(claim, profile=self.profile, seed=self.seed))
        else:
            self.say(f"report: {plural(len(self.claims), 'claim')} and their controls in parallel ({self.profile} profile)")
            reports = run_claims(self.claims, profile=self.profile, seed=self.seed, executor=self.executor)
        plot = have_matplotlib()
        doc = Document("pluralnash report")
        counts = {v: sum(r.verdict is v for r in reports) for v in ClaimVerdict}
        doc.para("Generated by ", Code(self.command), f" (pluralnash {__version__}). ",
                 f"{plural(len(reports), 'claim')}: "
                 + ", ".join(f"{n} {v.value}" for v, n in counts.items()) + ". ",
                 f"Property searches try up to {PROFILES[self.profile]} setups per claim (profile ",
                 Code(self.profile), f", seed {self.seed}); the same command with the same library versions "
                 "writes the same report.")
        doc.para("How to read it: each claim is decided by up to three routes, ", Bold("symbolic"),
                 " (a sympy certificate), ", Bold("instance"), " (the conclusion on one setup in exact or interval "
                 "arithmetic) and ", Bold("property"), " (a Hypothesis search over setups that satisfy the premises). ",
                 Bold("PROVED"), " needs a complete certified symbolic proof of the statement as encoded, its "
                 "standard theorems cited by name; ", Bold("VERIFIED"), " needs the profile's number of setups "
                 "meeting the premises, each decided in exact, interval or symbolic arithmetic, none undecided, and "
                 "every control FALSIFIED; ",
                 Bold("FALSIFIED"), " needs a certified counterexample that satisfies every premise (its setup file is "
                 "in this folder); anything else is ", Bold("INCONCLUSIVE"), ", with the reason. Every claim carries ",
                 Bold("controls"), ": planted false variants that the same routes must report FALSIFIED.")
        self._verdict_table(doc, reports)
        self._figures(doc, plot)
        doc.heading(2, "Claims", "claims")
        for rep in reports:
            self._claim(doc, rep, plot)
        self.proofs = proof_section(doc, [c.id for c in self.claims], self._write_text)
        self._files(doc, plot)
        self._environment(doc, plot)
        self.say("report: writing")
        from pluralnash.numeric.model.fileio import json_default as _json_default

        data = {"pluralnash": __version__, "command": self.command, "profile": self.profile, "seed": self.seed,
                "claims": [r.to_json() for r in reports], "figures": self.data}
        self._write_text("report.json", json.dumps(data, indent=1, default=_json_default) + "\n")
        self._write_text("REPORT.html", doc.html(base=self.root))
        self._write_text(_MARKER, doc.markdown())   # last: its presence marks a finished report
        _normal_permissions(self.root)
        return {"verdicts": {r.claim.id: r.verdict.value for r in reports}, "figures": self.figures,
                "counterexamples": self.counterexamples, "status": run_status(reports)}

    # -- sections ------------------------------------------------------------------------------

    def _verdict_table(self, doc: Document, reports) -> None:
        doc.heading(2, "Verdicts", "verdicts")
        rows = []
        for rep in reports:
            hit, total = rep.power
            rows.append([Link(rep.claim.id, "#" + _anchor(rep.claim.id)), Bold(rep.verdict.value), rep.basis_text,
                         _clip(rep.reason, 90), f"{hit}/{total}" if total else "none"])
        doc.table(["claim", "verdict", "basis", "decided by", "controls rejected"], rows)

    def _figures(self, doc: Document, plot: bool) -> None:
        from pluralnash.report import figures as F

        budget = F.FIGURE_BUDGETS[self.profile]
        doc.heading(2, "The dynamics in figures", "figures")
        if plot:
            doc.para("Every figure below was computed by this run with the toolkit's own engines; the numbers "
                     "behind each one are in the tables under it and in ", Code("report.json"), ".")
        else:
            doc.para(Bold("No figures: matplotlib is not installed. "), "Install the plot extra and run the same "
                     "command again to get them as PNG files: ", Code(F.PLOT_HINT),
                     ". The numbers behind each figure follow, computed by this run.")
        self._trajectory_figure(doc, plot, budget)
        self._nash_figure(doc, plot)
        self._phase_figure(doc, plot, budget)
        self._finite_k_figure(doc, plot, budget)

    def _trajectory_figure(self, doc: Document, plot: bool, budget) -> None:
        from pluralnash.report import figures as F

        self.say("report: figure 1/4, basin masses")
        L = F.two_basin_example()
        setup = self._save_setup("setups/two-basin-example.json", L)
        tr = F.trajectory_data(L, budget.steps)
        self.data["trajectory"] = tr
        doc.heading(3, "Basin masses along the dynamics", "fig-trajectory")
        k1, k2 = tr["kappa"]
        lo, hi = tr["interval"]
        doc.para(f"The two-basin example ", Code(setup), " (5 atoms, q = 2/5, e^-ε = 9/10; S_1 = {x_0, x_1}, "
                 "S_2 = {x_2}, two atoms outside), run for ", f"{budget.steps} rounds of the large-K map (",
                 Code("run_dynamics"), ", 20 digits). The limit a_∞ = ", Code(_s(tr["a_inf"])), ", b_∞ = ",
                 Code(_s(tr["b_inf"])), f" is solved directly by ", Code("solve_limit"),
                 f" (certificate {tr['limit_certificate']}, {tr['limit_method']}). The shaded band is the Lemma 3.4 "
                 f"interval [max(0, (q-κ_1)/(1-κ_1)), min(1, q/(1-κ_2))] = [{_dec(lo, 4)}, {_dec(hi, 4)}] with "
                 f"κ_1 = {k1}, κ_2 = {k2} read off the setup. Re-run: ",
                 Code(f"pluralnash run --setup {setup} --steps {budget.steps}"), ".")
        self._image(doc, plot, "figures/trajectory.png", F.plot_trajectory, tr,
                    "a_t, b_t, m_t of the two-basin example; m_t on a log scale on the right")
        picks = sorted({0, 1, 2, 5, 10, 20, 40, budget.steps} & set(tr["t"]))
        doc.table(["t", "a_t", "b_t", "m_t"],
                  [[str(t), _dec(tr["a"][t]), _dec(tr["b"][t]), _dec(tr["m"][t], 4)] for t in picks])

    def _nash_figure(self, doc: Document, plot: bool) -> None:
        from pluralnash.report import figures as F

        self.say("report: figure 2/4, Nash product")
        nd = F.nash_data()
        self.data["nash"] = {k: v for k, v in nd.items() if k not in ("alpha", "N", "expF")}
        setup = self._save_setup("setups/plateau-two-atom.json", F.plateau_model(nd["q"], nd["k1"], nd["k2"]))
        doc.heading(3, "The Nash product and the dynamics' limit", "fig-nash")
        doc.para("Plateau two-atom model ", Code(setup), f" (q = {nd['q']}, k_1 = k_2 = {nd['k1']}, i.e. "
                 f"Δ_i = log {1 / nd['k1']}). Blue: Theorem 3.7's weighted Nash product N(α) with utilities "
                 "u_i = E[r_i] and disagreement point d_1 = u_1(P_2), d_2 = u_2(P_1), taken from ",
                 Code("derive('nash-product')"), f"; its maximiser is α* = {nd['alpha_star']}. Green: the potential "
                 "the large-K dynamics ascend, Z_1^q Z_2^(1-q) with Z_i = E[e^(r_i)]; its maximiser on the segment is "
                 "the dynamics' limit a_∞ = ", Code(_s(nd["a_inf"])), f" ≈ {_dec(nd['a_inf'])} (",
                 Code("solve_limit"), f", certificate {nd['limit_certificate']}, {nd['limit_method']}). At this "
                 f"finite gap the two maximisers differ by |a_∞ - q| = {_s(abs(nd['a_inf'] - nd['q']))}. Re-run: ",
                 Code(f"pluralnash limit --setup {setup}"), ".")
        self._image(doc, plot, "figures/nash.png", F.plot_nash, nd,
                    "Theorem 3.7's Nash product and the dynamics' potential on the segment p_α")

    def _phase_figure(self, doc: Document, plot: bool, budget) -> None:
        from pluralnash.report import figures as F

        self.say(f"report: figure 3/4, phase diagram ({budget.phase_q * budget.phase_gaps} exact limits)")
        ph = F.phase_data(budget.phase_q, budget.phase_gaps, executor=self.executor)
        self.data["phase"] = ph
        doc.heading(3, "Where curation collapses and where it stays plural", "fig-phase")
        doc.para("The large-K limit a_∞ of the symmetric plateau two-atom model (k_1 = k_2 = k = e^-Δ) over "
                 f"{budget.phase_q} values of q and {budget.phase_gaps} gaps Δ in [0.1, {ph['max_gap']:g}] "
                 f"(k rational within 1e-4 of e^-Δ), each cell solved exactly by ", Code("solve_limit"),
                 f" ({ph['certified']} of {ph['cells']} limits certified). Black: the exact interior window "
                 "q ∈ (k_1(1-k_2)/(1-k_1k_2), (1-k_2)/(1-k_1k_2)), from ", ph["window_source"],
                 f". The cells agree with it in {ph['agree']} of {ph['cells']} cases (a cell is plural iff "
                 "0 < a_∞ < 1; the window test is exact). Dashed: the paper's sufficient window q ∈ (κ_1, 1-κ_2), "
                 "κ_i = e^-(Δ_i-2ε), drawn at ε → 0, where it is widest; it is empty for Δ ≤ log 2 + 2ε.")
        self._image(doc, plot, "figures/phase.png", F.plot_phase, ph,
                    "Large-K limit over (q, Δ): collapse regions, plural region, exact and sufficient windows")
        rows = []
        for gap in (1, 2, 3):
            k = Fraction(math.exp(-gap)).limit_denominator(10**6)
            qlo, qhi = F.plateau_window(k, k)
            kap = float(k)
            paper = f"({kap:.4f}, {1 - kap:.4f}), width {max(0.0, 1 - 2 * kap):.4f}" if kap < 0.5 else "empty"
            rows.append([str(gap), f"({float(qlo):.4f}, {float(qhi):.4f}), width {float(qhi - qlo):.4f}", paper])
        doc.table(["Δ", "exact window in q", "paper's window in q (ε → 0)"], rows)

    def _finite_k_figure(self, doc: Document, plot: bool, budget) -> None:
        from pluralnash.report import figures as F

        self.say(f"report: figure 4/4, finite K ({len(budget.finite_k)} values of K, quadrature)")
        fk = F.finite_k_data(budget.finite_k, executor=self.executor)
        self.data["finite_k"] = fk
        doc.heading(3, "Finite K against the large-K limit", "fig-finite-k")
        slope = (f" A least-squares fit of log gap against log K over K >= 16 gives slope {fk['slope']:.3f}."
                 if fk["slope"] is not None else "")
        doc.para(f"The plateau model above (q = {fk['q']}, k = {fk['k']}), started at its large-K limit "
                 f"a_∞ = {fk['a_inf']}, run with the finite-K map (", Code("evaluate_curated_update(..., K=K, "
                 "method='quadrature')"), f", {fk['dps']} digits) until the estimated remaining error, a geometric "
                 f"tail from the last step ratios, is below {fk['rel_tol']:g} of the gap (at most "
                 f"{fk['max_steps']} rounds). a_∞^K is the last iterate plus that tail; the error column is the "
                 "tail's size, an estimate rather than a certificate. Rows marked collapse end at a_∞^K ≈ 0 or 1: "
                 "the finite-K dynamics lose a basin that the large-K dynamics keep." + slope)
        self._image(doc, plot, "figures/finite_k.png", F.plot_finite_k, fk,
                    "|a_∞^K - a_∞| against K, log-log, with a 1/K reference line")
        doc.table(["K", "a_∞^K", "|a_∞^K - a_∞|", "est. error", "rounds", ""],
                  [[str(r["K"]), _dec(r["a_K"], 8), _dec(r["gap"], 4), _dec(r["error"], 2), str(r["steps"]),
                    "collapse" if r["collapsed"] else ""] for r in fk["rows"]])

    def _image(self, doc: Document, plot: bool, rel: str, draw, data, caption: str) -> None:
        if not plot:
            return
        draw(data, self._path(rel))
        self.figures.append(rel)
        doc.image(rel, caption, caption)

    # -- one claim -----------------------------------------------------------------------------

    def _claim(self, doc: Document, rep, plot: bool) -> None:
        c = rep.claim
        doc.heading(3, [Code(c.id), f": {rep.verdict.value}"], _anchor(c.id))
        doc.para(Bold("Source. "), c.source)
        if c.planted:
            doc.para(Bold("Planted false variant. "), c.planted)
        doc.para(Bold("Statement. "), c.statement)
        if c.premises:
            doc.para(Bold("Premises."))
            doc.bullets([[Bold(p.name), ": ", p.text,
                          " (checked on each setup)" if p.check is not None else " (not a property of one setup)"]
                         for p in c.premises])
        doc.para(Bold("Conclusion. "), c.conclusion)
        if c.reading:
            doc.para(Bold("Reading. "), c.reading)
        doc.para(Bold(f"Verdict: {rep.verdict.value}. "), rep.reason)
        if rep.routes:
            doc.table(["route", "verdict", "certified", "how it decided"],
                      [[r.route, r.verdict.value, "yes" if r.certified else "no", _clip(r.summary, 220)]
                       for r in rep.routes])
            for r in rep.routes:
                self._evidence(doc, r)
        else:
            doc.para("No route ran for this claim.")
        if rep.counterexample is not None:
            self._counterexample(doc, c.id, rep.counterexample, plot, main=True)
        if rep.controls:
            doc.para(Bold("Controls"), " (planted false variants; each must come out FALSIFIED):")
            rows = []
            for ctl in rep.controls:
                name = ctl.claim.id
                file = self._counterexample(None, name, ctl.counterexample, plot, main=False) \
                    if ctl.counterexample is not None else None
                how = "; ".join(f"{r.route}: {r.verdict.value}" for r in ctl.routes) or "no route"
                rows.append([Code(name), _clip(ctl.claim.planted or "", 90), Bold(ctl.verdict.value), how,
                             [Link(file["file"], file["file"]), " (re-check: ", file["recheck"], ")"] if file else "-"])
            doc.table(["control", "planted change", "verdict", "routes", "counterexample"], rows)
            if any(ctl.counterexample is not None for ctl in rep.controls):
                first = next(ctl for ctl in rep.controls if ctl.counterexample is not None)
                doc.para("Re-run a control's counterexample from inside the report folder, e.g. ",
                         Code(f"pluralnash check {first.claim.id} --setup counterexamples/controls/"
                              f"{_file_name(first.claim.id)}"), ".")

    def _evidence(self, doc: Document, route) -> None:
        ev = route.evidence or {}
        items: list = []
        for key, value in ev.items():
            if key in ("checked", "cited", "counterexample_check"):
                continue
            items.append([Code(key), ": ", _compact(value)])
        check = ev.get("counterexample_check")
        if isinstance(check, dict):
            cert = "certified" if check.get("certified") else "not certified"
            items.append(["re-check of the shrunk counterexample: ", Bold(str(check.get("verdict"))),
                          f" ({check.get('method')}, {cert}): ", _clip(check.get("reason") or check.get("name", ""), 200)])
            for key, value in (check.get("evidence") or {}).items():
                items.append(["counterexample ", Code(key), ": ", _compact(value)])
        for cited in ev.get("cited") or []:
            items.append(["cited, not checked: ", _clip(cited, 240)])
        method = {"symbolic": "sympy, exact"}.get(route.route)
        if route.route == "property":
            method = (f"{_count(ev.get('setups_tried'), 'setup')} decided (budget {ev.get('budget', '?')}, seed "
                      f"{ev.get('seed', '?')}); {ev.get('undecided', 0)} undecided, {ev.get('skipped', 0)} skipped "
                      "because a premise was not certified")
        head = [Bold(f"{route.route} route evidence"), f" ({method})" if method else "", ":"]
        doc.para(*head)
        doc.bullets(items or ["(no evidence recorded)"])
        rows = _checked_rows(ev.get("checked"))
        if rows:
            doc.table(["step checked by sympy", "verdict", "how"], rows)

    def _counterexample(self, doc: Document | None, claim_id: str, ce, plot: bool, main: bool) -> dict | None:
        from pluralnash._registry import check_claim
        from pluralnash.theory import Verdict
        from pluralnash.numeric import Landscape, load_setup

        folder = "counterexamples" if main else "counterexamples/controls"
        rel = f"{folder}/{_file_name(claim_id)}"
        if not isinstance(ce, Landscape):
            payload = ce.to_json() if hasattr(ce, "to_json") else repr(ce)
            from pluralnash.numeric.model.fileio import json_default as _json_default

            self._write_text(rel, json.dumps(payload, indent=1, default=_json_default) + "\n")
            self.counterexamples.append(rel)
            if doc is not None:
                doc.para(Bold("Counterexample"), " (not a setup file, so ", Code("pluralnash check"),
                         " cannot re-run it): ", Link(rel, rel))
            return {"file": rel, "recheck": "not a setup"}
        self._save_setup(rel, ce)
        self.counterexamples.append(rel)
        again = check_claim(claim_id, load_setup(self._path(rel)))
        con = again.conclusion
        held = sum(p.verdict is Verdict.HOLDS for p in again.premises)
        recheck = f"conclusion {con.verdict.value}, {'certified' if con.certified else 'not certified'}; " \
                  f"{held} of {plural(len(again.premises), 'premise')} {'holds' if held == 1 else 'hold'}"
        if doc is not None:
            doc.para(Bold("Counterexample. "), "The setup ", Link(rel, rel), " re-runs with ",
                     Code(f"pluralnash check {claim_id} --setup {rel}"), " (from inside the report folder). "
                     f"Re-checked by this run: {recheck}.")
            doc.code(json.dumps(ce.to_json()), "json")
            for p in again.premises:
                if p.verdict is not Verdict.HOLDS:
                    doc.para(f"Premise {p.name!r}: {p.verdict.value}: ", _clip(p.reason or "", 200))
            if plot:
                from pluralnash.report import figures as F

                try:
                    data = F.counterexample_data(ce)
                except (InvalidArgument, ArithmeticError) as exc:
                    doc.para(f"(No trajectory: the dynamics could not be run on this setup: {_clip(exc, 160)})")
                else:
                    fig = f"figures/counterexample-{_file_name(claim_id)[:-5]}.png"
                    F.plot_counterexample(data, self._path(fig), claim_id)
                    self.figures.append(fig)
                    doc.image(fig, f"trajectory from the counterexample to {claim_id}",
                              f"The dynamics from the counterexample to {claim_id}: basin masses (or Z_i) and F(p_t)")
        return {"file": rel, "recheck": recheck}

    # -- closing sections ----------------------------------------------------------------------

    def _files(self, doc: Document, plot: bool) -> None:
        doc.heading(2, "Files in this folder", "files")
        items = [[Code("REPORT.md"), ", ", Code("REPORT.html"), ": this report (the HTML embeds the figures)"],
                 [Code("report.json"), ": the verdicts, in the shape of ", Code("pluralnash verify --json"),
                  ", and the figure data"],
                 [Code("setups/"), ": the setups behind the figures; re-run with ", Code("pluralnash run"), " or ",
                  Code("pluralnash limit")]]
        if self.counterexamples:
            items.append([Code("counterexamples/"), f": {len(self.counterexamples)} counterexample setups; re-run "
                          "each with ", Code("pluralnash check CLAIM --setup FILE"), " (controls under ",
                          Code("controls/"), ")"])
        if plot:
            items.append([Code("figures/"), f": {len(self.figures)} PNG figures"])
        else:
            from pluralnash.report.figures import PLOT_HINT

            items.append(["no ", Code("figures/"), ": matplotlib is not installed (", Code(PLOT_HINT), ")"])
        items.append([Code(folder.MANIFEST), ": every file above with its SHA-256; ", Code("--force"),
                      " replaces this folder only while it holds these files, unchanged, and nothing else"])
        doc.bullets(items)

    def _environment(self, doc: Document, plot: bool) -> None:
        import hypothesis
        import mpmath
        import sympy

        versions = [f"Python {platform.python_version()}", f"sympy {sympy.__version__}",
                    f"mpmath {mpmath.__version__}", f"hypothesis {hypothesis.__version__}"]
        if plot:
            import matplotlib

            versions.append(f"matplotlib {matplotlib.__version__}")
        else:
            versions.append("matplotlib not installed")
        doc.heading(2, "Environment", "environment")
        doc.para(", ".join(versions) + ".")
