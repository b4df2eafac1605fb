"""What the terminal prints: wrapping at the terminal's width, evidence as lines, summary lines,
counts in the right number, exit statuses, and the typed report `check_claim` returns."""

import json
from fractions import Fraction

import pytest
from hypothesis import strategies as st

from pluralnash import _registry
from pluralnash.cli import output as _text
from pluralnash import cli
from pluralnash.cli import verify as _cmd_verify
from pluralnash import CheckEntry, CheckReport
from pluralnash import Claim, Premise, Variant, check_claim, get_claim
from pluralnash.numeric import Landscape, save_setup
from pluralnash.theory import CheckResult, Verdict

# Assumption 2.1 holds, yet the outside mass grows: m_1 = 16/43 >= m_0 = 1/3 ([FALA26] Lemma 3.3)
COMPROMISE = Landscape(exp_rewards=[["1", "1/2", "8/9"], ["1/2", "1", "8/9"]], exp_eps="9/10")
BARGAIN = Landscape(exp_rewards=[["1", "1/20", "1/4"], ["1/20", "1", "1/4"]], weights=["2/5", "3/5"],
                    p0=["1/3", "1/3", "1/3"], exp_eps="9/10")
REASON = "decay fails at t = 0: m_1 = 16/43 >= m_0 = 1/3 > 0, so no rho < 1 has m_(t+1) <= rho m_t"


def run(capsys, monkeypatch, columns, *argv):
    monkeypatch.setenv("COLUMNS", str(columns))
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def compromise_file(tmp_path):
    path = tmp_path / "compromise.json"
    save_setup(COMPROMISE, path)
    return str(path)


# -- check ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("columns", [60, 80, 200])
def test_check_wraps_at_the_terminal_width_and_cuts_nothing(capsys, monkeypatch, compromise_file, columns):
    code, out, _ = run(capsys, monkeypatch, columns, "check", "lemma-3.3", "--setup", compromise_file)
    assert code == 1  # the conclusion FAILS
    assert "..." not in out and "{'" not in out  # nothing cut, no Python dict repr
    assert REASON in " ".join(out.split())  # the whole reason, wrapped
    longest = max(len(line) for line in out.splitlines())
    assert longest <= columns or all(" " not in line.strip() for line in out.splitlines() if len(line) > columns)
    if columns == 200:
        assert any(REASON in line for line in out.splitlines())  # fits on one line at 200 columns
        assert longest > 80


def test_check_prints_evidence_as_key_value_lines_and_ends_with_a_summary(capsys, monkeypatch, compromise_file):
    code, out, _ = run(capsys, monkeypatch, 100, "check", "lemma-3.3", "--setup", compromise_file)
    lines = out.splitlines()
    assert any(line.strip() == "m_0: 1/3" for line in lines)
    assert any(line.strip() == "m_t+1: 16/43" for line in lines)
    assert lines[-1].startswith("  ") and lines[-2].startswith("conclusion FAILS (certified); 3 of 3 premises hold")
    assert "certified counterexample to lemma-3.3" in " ".join(" ".join(lines[-2:]).split())
    assert "(2 rewards, 3 atoms)" in " ".join(out.split())


def test_check_summary_says_when_the_claim_does_not_apply(capsys, monkeypatch, compromise_file):
    code, out, _ = run(capsys, monkeypatch, 200, "check", "lemma-3.3-appendix", "--setup", compromise_file)
    assert code == 1
    last = out.splitlines()[-1]
    assert last == ("conclusion FAILS (certified); 3 of 4 premises hold, 1 fail (Assumption B.4): "
                    "the claim does not apply to this setup")


def test_check_exit_status_is_0_when_the_conclusion_holds(capsys, monkeypatch, tmp_path):
    path = tmp_path / "bargain.json"
    save_setup(BARGAIN, path)
    code, out, _ = run(capsys, monkeypatch, 80, "check", "theorem-3.7", "--setup", str(path))
    assert code == 0 and out.splitlines()[-1] == "conclusion HOLDS (certified); 1 of 1 premise holds"
    code, out, _ = run(capsys, monkeypatch, 80, "check", "theorem-3.7~alpha-q-squared", "--setup", str(path))
    assert code == 1 and out.split("\nconclusion ")[-1].startswith("FAILS (certified)")


def test_check_json_is_the_report_to_json(capsys, monkeypatch, compromise_file):
    code, out, _ = run(capsys, monkeypatch, 80, "check", "lemma-3.3", "--setup", compromise_file, "--json", "-")
    assert code == 1
    assert json.loads(out) == json.loads(json.dumps(check_claim("lemma-3.3", COMPROMISE).to_json()))


# -- verify --------------------------------------------------------------------------------------


def _demo_claim(claim_id, verdict, *controls):
    def instance(L):
        return CheckResult("demo conclusion", verdict, "exact", {"m_0": "1/8", "m_1": "8/63"},
                           reason=None if verdict is Verdict.HOLDS else "decay fails at t = 0: m_1 = 8/63 >= m_0 = 1/8")

    return Claim(claim_id, "a statement of the test suite", "demo", (Premise("any", "any setup"),), "demo",
                 instance=instance, strategy=lambda: st.just(BARGAIN)).with_controls(*controls)


@pytest.fixture
def demo_claims(monkeypatch):
    _registry.all_claims()  # load the real registry first

    def add(claim):
        for c in (claim, *claim.controls):
            monkeypatch.setitem(_registry._REGISTRY, c.id, c)
        return claim
    return add


def test_verify_prints_why_a_claim_is_falsified_and_exits_1(capsys, monkeypatch, demo_claims):
    fails = _demo_claim("demo-false", Verdict.FAILS)
    demo_claims(fails)
    code, out, _ = run(capsys, monkeypatch, 200, "verify", "demo-false", "--profile", "quick", "--quiet")
    assert code == 1
    assert "decay fails at t = 0: m_1 = 8/63 >= m_0 = 1/8" in out
    # the setup printed is the counterexample the search certified, re-checkable with `check`
    line = next(x for x in out.splitlines() if "minimal setup: " in x)
    assert line.split("minimal setup: ", 1)[1].startswith('{"exp_rewards": ')
    assert out.splitlines()[-1] == "1 claim: 0 PROVED, 0 VERIFIED, 1 FALSIFIED, 0 INCONCLUSIVE"


def test_verify_exits_3_and_warns_when_a_control_is_not_rejected(capsys, monkeypatch, demo_claims):
    # negative control of the exit status: a "control" identical to its parent cannot be rejected
    weak = demo_claims(_demo_claim("demo-weak", Verdict.HOLDS, Variant("same", "nothing changed")))
    assert weak.controls[0].id == "demo-weak~same"
    code, out, _ = run(capsys, monkeypatch, 200, "verify", "demo-weak", "--profile", "quick", "--quiet")
    assert code == 3
    assert "WARNING: only 0 of 1 controls rejected (same not)" in out
    assert out.splitlines()[-1].endswith("; 1 claim with a control not rejected")
    # with the control rejected the same claim exits 0
    strong = demo_claims(_demo_claim("demo-strong", Verdict.HOLDS, Variant(
        "broken", "conclusion replaced by a false one",
        instance=lambda L: CheckResult("false", Verdict.FAILS, "exact", reason="planted"))))
    assert strong.controls
    code, out, _ = run(capsys, monkeypatch, 200, "verify", "demo-strong", "--profile", "quick", "--quiet")
    assert code == 0 and "WARNING" not in out


def test_verify_json_stdout_carries_the_exit_status(capsys, monkeypatch, demo_claims):
    demo_claims(_demo_claim("demo-false", Verdict.FAILS))
    code, out, _ = run(capsys, monkeypatch, 80, "verify", "demo-false", "--profile", "quick", "--json", "-")
    assert code == 1 and json.loads(out)["claims"][0]["verdict"] == "FALSIFIED"


@pytest.mark.parametrize("columns", [50, 80, 160])
def test_verify_list_wraps_instead_of_cutting(capsys, monkeypatch, columns):
    code, out, _ = run(capsys, monkeypatch, columns, "verify", "--list")
    assert code == 0 and "..." not in out
    joined = " ".join(out.split())
    for claim in _registry.all_claims():
        assert " ".join(claim.source.split()) in joined
    assert max(len(line) for line in out.splitlines()) <= columns


def test_help_documents_the_exit_statuses(capsys, monkeypatch):
    for argv in (["--help"], ["verify", "--help"], ["check", "--help"]):
        with pytest.raises(SystemExit) as exc:
            cli.main(argv)
        assert exc.value.code == 0
        text = " ".join(capsys.readouterr().out.split())
        assert "exit status: 0 all as expected; 1 a claim FALSIFIED or a conclusion FAILS;" in text
        assert "3 a control (planted false variant) not rejected, or an internal error" in text


def test_an_internal_error_exits_3_with_its_traceback(capsys, monkeypatch):
    def broken(args):
        raise ZeroDivisionError("a defect")
    monkeypatch.setattr(_cmd_verify, "_handler", broken)
    code = cli.main(["verify"])
    err = capsys.readouterr().err
    assert code == 3 and "ZeroDivisionError: a defect" in err and "internal error" in err


# -- words ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("count, noun, text", [
    (0, "claim", "0 claims"), (1, "claim", "1 claim"), (2, "claim", "2 claims"), (1, "atom", "1 atom"),
    (1, "reward", "1 reward"), (5, "reward", "5 rewards"), (1, "premise holds", "1 premise holds"),
    (2, "premise holds", "2 premises hold"),
])
def test_plural(count, noun, text):
    assert _text.plural(count, noun) == text


def test_wrap_keeps_formulas_whole():
    lines = _text.wrap("x " * 10 + "sup_{x_outside_S_eps}W_t(x)<=rho<1", "", "", columns=12)
    assert "sup_{x_outside_S_eps}W_t(x)<=rho<1" in lines


def test_wrap_with_split_words_is_the_proof_replays_layout():
    # long words split and lines break after a hyphen, as the replay has always been laid out
    text = "first-order conditions " + "x" * 30
    lines = _text.wrap(text, "", "", columns=8, split_words=True)
    assert lines[0] == "first-" and all(len(line) <= 8 for line in lines)
    assert "".join(lines).endswith("x" * 30)
    assert _text.wrap(text, "", "", columns=8)[0] == "first-order"  # negative control: kept whole
    # empty text: no line with split_words, one (blank) line without
    assert _text.wrap("", "  ", columns=20, split_words=True) == []
    assert _text.wrap("", "  ", columns=20) == [""]


def test_clip_marks_the_cut_and_clipped_lines_fit_their_width():
    assert _text.clip("abcdef", 6) == "abcdef" and _text.clip("abcdefg", 6) == "abc..."
    lines = _text.clipped_lines({"short": True, "long": "y" * 200, "none": None}, "    ", columns=40)
    assert lines[0] == "    short: True" and lines[2] == "    none: None"
    assert len(lines[1]) == 40 and lines[1].endswith("...")


# -- CheckReport ---------------------------------------------------------------------------------


def test_check_report_refuses_bool_even_when_the_conclusion_fails():
    out = check_claim("lemma-3.3", COMPROMISE)
    assert isinstance(out, CheckReport) and out.conclusion.verdict is Verdict.FAILS
    with pytest.raises(TypeError, match="no truth value"):
        assert out
    with pytest.raises(TypeError, match="no truth value"):
        bool(out.conclusion)
    with pytest.raises(TypeError, match="no truth value"):
        bool(out.conclusion.verdict)


def test_check_report_is_frozen():
    out = check_claim("theorem-3.7", BARGAIN)
    with pytest.raises(AttributeError):
        out.conclusion = out.premises[0]
    with pytest.raises(TypeError):
        out.conclusion.evidence["margin"] = "1"
    assert isinstance(out.premises, tuple)


@pytest.mark.parametrize("claim_id, setup", [("lemma-3.3", COMPROMISE), ("lemma-3.3-appendix", COMPROMISE),
                                             ("theorem-3.7", BARGAIN), ("collapse-criterion", BARGAIN)])
def test_to_json_is_the_dict_built_from_the_claims_own_checks(claim_id, setup):
    # rebuilt independently, in the layout `pluralnash check --json` has always written
    claim = get_claim(claim_id)

    def entry(r, name):
        ev = dict(r.evidence)
        if r.reason:
            ev["reason"] = r.reason
        return {"name": name, "verdict": r.verdict.value, "certified": r.certified, "method": r.method,
                "evidence": ev}
    premises = [entry(p.check(setup), p.name) if p.check else
                {"name": p.name, "verdict": "UNDECIDED", "certified": False,
                 "evidence": {"reason": "not a property of a single setup: " + p.text}} for p in claim.premises]
    r = claim.instance(setup)
    expected = {"claim": claim.id, "source": claim.source, "premises": premises, "conclusion": entry(r, r.name)}
    got = check_claim(claim, setup).to_json()
    assert json.dumps(got) == json.dumps(expected)  # same keys in the same order


def test_check_entry_without_a_check_keeps_its_json_layout():
    entry = CheckEntry.undecided("this claim has no instance check")
    assert entry.to_json() == {"verdict": "UNDECIDED", "certified": False,
                               "evidence": {"reason": "this claim has no instance check"}}
    assert entry.reason == "this claim has no instance check" and entry.method is None


def test_check_report_premise_lookup_and_summary():
    out = check_claim("lemma-3.3-appendix", COMPROMISE)
    assert out.premise("Assumption B.4").verdict is Verdict.FAILS
    assert out.premises_hold is False and out.verdict is Verdict.FAILS
    assert out.summary() == "lemma-3.3-appendix: conclusion FAILS (exact, certified); 3 of 4 premises hold"
    from pluralnash.theory import InvalidArgument
    with pytest.raises(InvalidArgument, match="premise='B.9' is not a premise of 'lemma-3.3-appendix'"):
        out.premise("B.9")


def test_check_report_html_shows_every_entry():
    out = check_claim("lemma-3.3", COMPROMISE)
    page = out._repr_html_()
    assert page.count("<tr>") == 1 + len(out.premises) + 1
    assert "FAILS" in page and "m_1 = 16/43 &gt;= m_0 = 1/3" in page
    assert Fraction(16, 43) == Fraction(out.conclusion.evidence["m_t+1"])


def test_text_modules_doctests():
    import doctest

    from pluralnash import _check_report
    from pluralnash.cli import progress as _progress

    for module in (_text, _check_report, _progress):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        assert result.attempted > 0 and result.failed == 0


def test_limit_and_run_say_1_atom_and_1_reward(capsys, monkeypatch, tmp_path):
    path = tmp_path / "one.json"
    save_setup(Landscape(exp_rewards=[["1", "1/2"]]), path)
    code, out, _ = run(capsys, monkeypatch, 80, "limit", "--setup", str(path))
    assert code == 0 and "(1 reward, 2 atoms)" in out and "support: 1 atom [0]" in out
    code, out, _ = run(capsys, monkeypatch, 80, "run", "--setup", str(path), "--steps", "1")
    assert code == 0 and "1 reward, 2 atoms, large K, 1 step" in out


def test_a_power_of_a_number_in_e_notation_is_parenthesised():
    import re

    from pluralnash.audit import paper_tables as paper
    from pluralnash.audit import printed as tables

    texts = [str(getattr(f, "detail", "")) + str(getattr(f, "message", "")) + repr(f)
             for f in tables._audit_table3(paper.TABLE3)]
    powers = [m.group(0) for t in texts for m in re.finditer(r"\S*e-\d+\)?\^\d+", t)]
    assert powers and all(p.startswith("(") and ")^" in p for p in powers), powers  # (2.014e-2)^4, not 2.014e-2^4
