"""`pluralnash reproduce`: the paper's tables recomputed, and the audit of the paper's numbers.

The paper's numbers are data under audit (pluralnash/audit/paper_tables.py); nothing here asserts that
a computed value equals one of them.
"""

import json
import subprocess
import sys
from fractions import Fraction

import mpmath
import pytest

from pluralnash.cli import main
from pluralnash.audit import paper_tables as paper
from pluralnash.audit import printed, runs, settings, table3, table4, table5, tables




QUICK = tables.Setting("A", beta=Fraction(1), eps=Fraction(1, 10), T=16, margin=Fraction(2))


@pytest.fixture
def quick(monkeypatch):
    """A cheap setting (T = 16) in place of the real ones, for the commands' plumbing."""
    monkeypatch.setattr(settings, "SETTINGS", {"A": QUICK})


# ----------------------------------------------------------------------------------------------
# the audit itself (exact arithmetic on the printed values; no engine)


def _by_id(flags):
    return {f.id: f for f in flags}


def test_table3_audit_flags_the_impossible_bounds_exactly():
    flags = _by_id(printed._audit_table3(paper.TABLE3))
    for D in (2, 4, 6):
        for fid in (f"T3-lower-q0.2-D{D}", f"T3-upper-q0.8-D{D}"):
            assert flags[fid].severity == "inconsistent" and flags[fid].certified and flags[fid].premise is None
        assert flags[f"T3-relabel-q0.2-D{D}"].evidence["fits_q"] == ["1/4"]
        assert flags[f"T3-relabel-q0.8-D{D}"].evidence["fits_q"] == ["3/4"]
    assert flags["T3-D4-vs-D2"].severity == "inconsistent" and flags["T3-D4-vs-D2"].premise
    assert flags["T3-identical-D2-D4"].severity == "suspicious"
    assert flags["T3-implied-eps"].method == "interval" and flags["T3-implied-eps"].certified
    assert not any(f.id.startswith("T3-inside") for f in flags.values())


def _formula_table(kappa, D, qs):
    """A table written from Lemma 3.4's formulas with one κ, rounded like the paper (3 decimals)."""
    rows = {}
    for q in qs:
        qf = Fraction(q)
        lo = max(Fraction(0), (qf - kappa) / (1 - kappa))
        hi = min(Fraction(1), qf / (1 - kappa))
        rows[(q, D)] = tuple(f"{float(v):.3f}" for v in (lo, (lo + hi) / 2, hi))
    return rows


def test_table3_audit_passes_a_table_that_follows_the_formulas():
    rows = _formula_table(Fraction(1, 50), 2, paper.TABLE3 and ("0.1", "0.25", "0.4", "0.6", "0.75", "0.9"))
    flags = printed._audit_table3(rows)
    assert not [f for f in flags if f.severity in ("inconsistent", "suspicious")]


def test_table3_audit_catches_a_planted_error_in_that_table():
    rows = _formula_table(Fraction(1, 50), 2, ("0.1", "0.4", "0.6", "0.9"))
    L, A, U = rows[("0.4", 2)]
    rows[("0.4", 2)] = ("0.401", A, U)                   # a lower bound above q
    rows[("0.9", 2)] = (rows[("0.9", 2)][0], "0.990", rows[("0.9", 2)][2])   # a_inf outside its bounds
    ids = {f.id for f in printed._audit_table3(rows) if f.severity == "inconsistent"}
    assert {"T3-lower-q0.4-D2", "T3-inside-q0.9-D2"} <= ids


def test_table3_audit_sees_columns_with_the_right_kappa_dependence_as_consistent():
    # κ(4) = κ(2)^4 is what the sharp constants allow (ρ -> 0): no D-vs-D flag
    rows = _formula_table(Fraction(1, 50), 2, ("0.1", "0.4"))
    rows.update(_formula_table(Fraction(1, 50) ** 4, 4, ("0.1", "0.4")))
    assert not any(f.id.startswith("T3-D4-vs") for f in printed._audit_table3(rows))


def test_mean_square_interval_is_exact():
    lo, hi = table5._mean_sq_interval([(Fraction(1, 10), "0.090"), (Fraction(1, 2), "0.500")])
    assert lo == ((Fraction(1, 10) - Fraction(905, 10000)) ** 2) / 2
    assert hi == ((Fraction(1, 10) - Fraction(895, 10000)) ** 2 + Fraction(5, 10000) ** 2) / 2


def test_paper_numbers_are_data_with_their_rounding():
    assert paper.TABLE3[("0.2", 2)] == ("0.235", "0.244", "0.255")
    assert paper.TABLE5[2] == "5.06e-5" and paper.TABLE4_TEXT[8] == "-13.6"
    assert paper.half_ulp("0.090") == Fraction(1, 2000)


# ----------------------------------------------------------------------------------------------
# the command


MID = tables.Setting("A", beta=Fraction(1), eps=Fraction(1, 10), T=24, margin=Fraction(3))


@pytest.fixture(scope="module")
def table3_setting_a():
    """`reproduce table3 --setting A` with setting A shortened to T = 24, as text and as JSON."""
    import io
    from contextlib import redirect_stdout

    buf_text, buf_json = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(settings, "SETTINGS", {"A": MID})
        with redirect_stdout(buf_text):
            code_text = main(["reproduce", "table3", "--setting", "A", "--quiet"])
        with redirect_stdout(buf_json):
            code_json = main(["reproduce", "table3", "--setting", "A", "--json", "-"])
    return code_text, buf_text.getvalue(), code_json, json.loads(buf_json.getvalue())


def test_the_real_settings_state_how_a_inf_is_read():
    for st in tables.SETTINGS.values():
        assert st.T == 100 and "T = 100" in st.describe()
        assert st.to_json()["a_inf"] == "a_T at T = 100 of the exact large-K dynamics"


def test_reproduce_table3_text_fits_80_columns_and_shows_paper_and_flags(table3_setting_a):
    code, out, _, _ = table3_setting_a
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "0.082 0.090 0.102" in out                          # the paper's row, labelled as such
    assert "data under audit" in out and "setting A" in out
    assert "[T3-lower-q0.2-D2] INCONSISTENT (exact, certified)" in out
    assert "eps = 1/10" in out and "T = 24" in out             # the assumptions are stated


def test_reproduce_table3_json_has_assumptions_reported_computed_and_flags(table3_setting_a):
    _, _, code, data = table3_setting_a
    assert code == 0
    assert data["table"] == "table3" and data["settings"][0]["name"] == "A"
    assert any("empirical a_inf" in a for a in data["assumptions"])
    assert {(r["q"], r["D"]): (r["lower"], r["a_inf"], r["upper"]) for r in data["reported"]} == paper.TABLE3
    assert len(data["computed"]) == 18
    for row in data["computed"]:
        a = float(row["a_T"])
        assert 0 <= a <= 1 and row["setting"] == "A"
    flags = {f["id"]: f for f in data["flags"]}
    assert flags["T3-upper-q0.8-D4"]["certified"] is True
    # every a_T enclosure is far narrower than the 0.001 rounding cells: the engine match is certified
    assert flags["T3-engine-match"]["certified"] is True and flags["T3-engine-match"]["method"] == "interval"
    for row in data["computed"]:
        cmp = row["comparison"]
        lo, hi = (Fraction(v) for v in cmp["enclosure"])
        assert abs(Fraction(row["a_T"]) - lo) < Fraction(1, 10**12)   # the printed 13 digits agree
        assert hi - lo < Fraction(1, 10**20) and cmp["certified"] is True
        assert cmp["matches"] == row["matches_reported"]
    assert flags["T3-engine-lemma-3.4"]["method"] == "interval"
    assert flags["T3-engine-convergence"]["certified"] is False  # a point statistic, evidence only
    assert all(f["severity"] in ("inconsistent", "suspicious", "not reproduced", "note") for f in data["flags"])


def test_reproduce_table4_flags_the_text_against_the_table(run_cli, capsys, quick):
    code, out, _ = run_cli("reproduce", "table4", "--json", "-")
    assert code == 0
    data = json.loads(out)
    flags = {f["id"]: f for f in data["flags"]}
    assert flags["T4-text-D8"]["severity"] == "inconsistent" and flags["T4-text-D8"]["certified"]
    assert flags["T4-text-D2"]["severity"] == "inconsistent"
    assert {r["D"] for r in data["computed"]} == {2, 4, 6, 8}
    assert all(float(r["slope"]) < 0.1 for r in data["computed"])
    # the slopes are enclosed (Σ w_t log m_t on the enclosures of m_t): the range check is certified
    for r in data["computed"]:
        lo, hi = (Fraction(v) for v in r["comparison"]["enclosure"])
        assert abs(Fraction(r["slope"]) - lo) <= abs(lo) / 10**8 and hi - lo < abs(lo) / 10**20
        assert r["comparison"]["certified"]
    assert flags["T4-engine-range"]["certified"] and flags["T4-engine-D-dependence"]["certified"]


def test_reproduce_table4_planted_consistent_text_is_not_flagged(run_cli, capsys, quick, monkeypatch):
    monkeypatch.setattr(table4, "TABLE4_TEXT", {2: "-0.57", 8: "-0.58"})
    code, out, _ = run_cli("reproduce", "table4", "--json", "-")
    assert code == 0
    assert not [f for f in json.loads(out)["flags"] if f["severity"] == "inconsistent"]


def test_reproduce_table5_text_and_flags(run_cli, capsys, quick):
    code, out, err = run_cli("reproduce", "table5")
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "[T5-vs-T3-D2] INCONSISTENT (exact, certified)" in out
    flat = " ".join(out.split())                                 # flags are wrapped at 80 columns
    assert "T5-relabel-D2" in flat and "contains Table 5's 5.06e-5" in flat
    assert "1.66e-2" in out                                      # the paper's column


def test_reproduce_json_file_is_not_overwritten(run_cli, tmp_path, capsys, quick):
    target = tmp_path / "t5.json"
    target.write_text("{}")
    code, _, err = run_cli("reproduce", "table5", "--json", str(target))
    assert code == 2 and "exists" in err and err.count("\n") == 1
    code, _, _ = run_cli("reproduce", "table5", "--json", str(target), "--force")
    assert code == 0 and json.loads(target.read_text())["table"] == "table5"


def test_engine_comparison_is_certified_only_when_the_enclosure_decides():
    from pluralnash.numeric.arith.intervals import iv, iv_workprec

    with iv_workprec(113):
        inside = iv.mpf(["0.08961", "0.08962"])
        outside = iv.mpf(["0.09051", "0.09052"])
        straddle = iv.mpf(["0.08949", "0.08951"])     # 0.0895 ends the cell of "0.090"
    assert runs._decide_rounds_to(inside, "0.090") is True
    assert runs._decide_rounds_to(outside, "0.090") is False
    assert runs._decide_rounds_to(straddle, "0.090") is None
    cmp = runs._comparison(straddle, "0.090", mpmath.mpf("0.08951"))
    assert cmp["certified"] is False and cmp["matches"] is True      # falls back to the point value
    assert runs._comparison(outside, "0.090", mpmath.mpf("0.0905"))["certified"] is True


def test_planted_reported_value_that_the_engine_gives_is_certified_as_a_match(monkeypatch, quick):
    # control: a Table 3 whose a_inf cell is the engine's own a_T, rounded, must be matched (certified)
    store = runs.EngineRuns()
    rec = store.final(QUICK, 2, Fraction("0.4"))
    planted = dict(paper.TABLE3)
    L, _, U = planted[("0.4", 2)]
    planted[("0.4", 2)] = (L, f"{float(rec['a']):.3f}", U)
    monkeypatch.setattr(table3, "TABLE3", planted)
    cmp = table3._t3_match(store, QUICK, 2, "0.4")
    assert cmp["certified"] is True and cmp["matches"] is True
    planted[("0.4", 2)] = (L, f"{float(rec['a']) + 0.002:.3f}", U)
    cmp = table3._t3_match(store, QUICK, 2, "0.4")
    assert cmp["certified"] is True and cmp["matches"] is False


def test_workers_give_byte_identical_output(monkeypatch, quick):
    outputs = []
    for workers in ("1", "2"):
        import io
        from contextlib import redirect_stdout

        buf = io.StringIO()
        with redirect_stdout(buf):
            code = main(["reproduce", "table5", "--quiet", "--workers", workers])
        assert code == 0
        text = buf.getvalue()
        data = tables.reproduce("table5").to_json()
        assert "seconds" not in data  # a timing would make the JSON differ run after run
        outputs.append((text, json.dumps(data, sort_keys=True)))
    assert outputs[0] == outputs[1]
    assert "T5-engine-match" in outputs[0][0]


@pytest.mark.parametrize("argv, message", [
    (["reproduce", "table3", "--setting", "Z"], "--setting='Z' is not a known setting"),
    (["reproduce", "table3", "--setting", "A,Q"], "--setting='Q' is not a known setting"),
    (["reproduce", "table7"], "invalid choice: 'table7'"),
    (["reproduce", "table5", "--workers", "0"], "--workers=0 must be from 1 to 512"),
])
def test_bad_arguments_are_one_line_exit_2(argv, message):
    proc = subprocess.run([sys.executable, "-m", "pluralnash", *argv], capture_output=True, text=True)
    assert proc.returncode == 2
    assert message in proc.stderr and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_the_text_is_rendered_from_the_result_alone(monkeypatch, quick):
    # the audit returns data; laying it out as text runs neither the engine nor the limit solver
    from pluralnash.audit import tables_continuum, tables_limit
    from pluralnash.report.tables_text import table_lines

    result = tables.reproduce("table5")
    text = result.lines

    def forbidden(*args, **kwargs):
        raise AssertionError("rendering computed something")

    monkeypatch.setattr(runs, "run_continuous", forbidden)
    monkeypatch.setattr(tables_limit, "solve_limit", forbidden)
    monkeypatch.setattr(tables_continuum, "solve_continuous_limit", forbidden)
    tables_limit.evaluate_grid_limit.cache_clear()
    tables_continuum.continuous_limit_of.cache_clear()
    assert table_lines(result) == text
    assert text[0].startswith("Table 5:") and "Audit against the grid cross-check:" in text
    assert "Audit against the continuous limit:" in text
    assert sum(line.startswith("  [T5-") for line in text) == len(result.flags)


# ----------------------------------------------------------------------------------------------
# the tables against the certified continuous limit


def _continuum(table, setting, monkeypatch=None, **printed):
    from pluralnash.audit import tables_continuum

    tables_continuum.continuous_limit_of.cache_clear()
    for name, value in printed.items():
        monkeypatch.setattr(tables_continuum, name, value)
    return tables_continuum.continuum_section(table, [setting])


def test_table3_against_the_continuous_limit_flags_d_dependence_and_convergence():
    audit = _continuum("table3", QUICK)
    flags = _by_id(audit.flags)
    # D = 2 keeps a* = 1/2 + (q - 1/2)/u with u = tanh(2u) < 1, D = 4 nearly q: the identical printed columns differ
    dep = flags["T3-continuum-D-dependence-A"]
    assert dep.certified and len(dep.evidence["cells"]) == 6
    # at T = 16 the dynamics are far from their limit at D = 2, certified
    assert flags["T3-continuum-not-converged-A"].certified
    assert all(row["limit"]["certified"] for row in audit.computed)
    assert {row["limit"]["kind"] for row in audit.computed} == {"mixture"}


def test_table3_planted_reported_limit_is_not_flagged(monkeypatch):
    # control: a table whose a_inf is the certified limit rounded to 3 decimals draws no "off the limit" flag
    from pluralnash.audit import continuous_limit_of, midpoint_text

    assert "T3-continuum-A" in _by_id(_continuum("table3", QUICK).flags)
    planted = {}
    for (qt, D), (lo, _, hi) in paper.TABLE3.items():
        a = Fraction(midpoint_text(continuous_limit_of(QUICK, Fraction(qt), D).a, 12))
        planted[(qt, D)] = (lo, f"{float(a):.3f}", hi)
    flags = _by_id(_continuum("table3", QUICK, monkeypatch, TABLE3=planted).flags)
    assert "T3-continuum-A" not in flags


def test_table4_the_theory_slope_beside_the_text(monkeypatch):
    audit = _continuum("table4", QUICK)
    flags = _by_id(audit.flags)
    row8 = next(r for r in audit.computed if r["D"] == 8)
    lo, hi = (Fraction(v) for v in row8["limit"]["slope"])
    assert lo <= -QUICK.eps <= hi and hi - lo < Fraction(1, 10 ** 12)      # -eps at well separated modes
    assert flags["T4-continuum-text-A"].certified and flags["T4-continuum-A"].certified
    # at T = 16 the window slope is far from the asymptotic one, certified on the enclosures of m_t
    assert flags["T4-continuum-not-asymptotic-A"].certified
    # control: against a table printed to one decimal those gaps (below 0.05) are within its rounding
    coarse = _by_id(_continuum("table4", QUICK, monkeypatch, TABLE4_RANGE=("-0.6", "-0.5")).flags)
    assert "T4-continuum-not-asymptotic-A" not in coarse
    # control: a text that quotes the theory's slopes is not flagged
    text = {D: f"{float(Fraction(next(r for r in audit.computed if r['D'] == D)['limit']['slope'][0])):.2f}"
            for D in (2, 8)}
    assert "T4-continuum-text-A" not in _by_id(_continuum("table4", QUICK, monkeypatch, TABLE4_TEXT=text).flags)


def test_table5_against_the_continuous_limit(monkeypatch):
    audit = _continuum("table5", QUICK)
    assert "T5-continuum-A" in _by_id(audit.flags)
    planted = {r["D"]: f"{float(Fraction(r['limit_mean_sq'])):.2e}" for r in audit.computed}
    assert "T5-continuum-A" not in _by_id(_continuum("table5", QUICK, monkeypatch, TABLE5=planted).flags)


def test_reproduce_table3_json_and_text_carry_the_continuous_limit(table3_setting_a):
    _, out, _, data = table3_setting_a
    assert "Audit against the continuous limit:" in out and "Grid cross-check:" in out
    rows = data["against_the_continuous_limit"]
    assert len(rows) == 18 and all(r["limit"]["certified"] for r in rows)
    assert {f["id"] for f in data["flags"]} >= {"T3-continuum-A", "T3-continuum-D-dependence-A"}
