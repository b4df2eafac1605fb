"""`pluralnash derive`: every registered derivation printed (pretty and LaTeX) with its certificate."""

import json

import pytest

from pluralnash.theory import DERIVATIONS, Verdict, derive




def test_list_names_every_derivation_within_80_columns(run_cli, capsys):
    code, out, _ = run_cli("derive", "--list")
    assert code == 0
    lines = out.splitlines()
    assert [line.split()[0] for line in lines if not line.startswith(" ")] == sorted(DERIVATIONS)
    assert all(len(line) <= 80 for line in lines)
    joined = " ".join(out.split())
    assert all(" ".join(derive(n).title.split()) in joined for n in DERIVATIONS)  # wrapped, not cut


@pytest.mark.parametrize("name", sorted(DERIVATIONS))
def test_each_derivation_prints_pretty_text_and_its_certificate(run_cli, capsys, name):
    d = derive(name)
    code, out, _ = run_cli("derive", name)
    assert code == 0
    assert out.startswith(d.pretty())  # the CLI prints exactly what the Python API renders
    verdict = d.certify().verdict
    assert f"certificate: {verdict.value} (symbolic" in out
    for key in d.expressions:
        assert f"{key}:" in out


def test_latex_output_is_the_derivations_latex_with_the_certificate_as_comments(run_cli, capsys):
    d = derive("nash-product")
    code, out, _ = run_cli("derive", "nash-product", "--latex")
    assert code == 0
    lines = out.splitlines()
    body = [line for line in lines if not line.startswith("%")]
    assert body == d.latex().splitlines()  # one line per aligned row
    assert body[0] == r"\begin{aligned}" and body[-1] == r"\end{aligned}" and len(body) == len(d.expressions) + 2
    assert "% certificate: HOLDS (symbolic, certified)" in lines
    assert d._repr_latex_().startswith("$$")  # renders in Jupyter


def test_json_holds_expressions_and_certificate(run_cli, capsys, tmp_path):
    code, out, _ = run_cli("derive", "nash-foc", "--json", "-")
    assert code == 0
    data = json.loads(out)
    assert data["name"] == "nash-foc"
    assert [e["key"] for e in data["expressions"]] == list(derive("nash-foc").expressions)
    assert data["certificate"]["verdict"] == Verdict.HOLDS.value
    target = tmp_path / "d.json"
    assert run_cli("derive", "nash-foc", "--json", str(target))[0] == 0
    code, _, err = run_cli("derive", "nash-foc", "--json", str(target))
    assert code == 2 and "--force" in err


def test_ascii_pretty_printing_draws_no_unicode_boxes(run_cli, capsys):
    code, out, _ = run_cli("derive", "nash-product", "--ascii")
    assert code == 0
    assert not set(out) & set("⎛⎝⎞⎠─⋅α")  # titles and notes may still hold unicode; the sympy art does not


@pytest.mark.parametrize("argv, message", [
    (["derive"], "NAME is missing"),
    (["derive", "nash-fox"], "did you mean 'nash-foc'"),
    (["derive", "no-such-thing-at-all"], "pluralnash derive --list"),
    (["derive", "nash-foc", "--list"], "--list takes no NAME"),
])
def test_bad_arguments_are_one_line_exit_2(run_cli, capsys, argv, message):
    code, out, err = run_cli(*argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and message in err


@pytest.mark.parametrize("name", sorted(DERIVATIONS))
def test_latex_labels_are_maths_and_every_row_has_a_line(name):
    import re

    d = derive(name)
    rows = d.latex().splitlines()[1:-1]
    assert len(rows) == len(d.expressions)
    for row in rows:
        label = row.split("&", 1)[0]
        # symbols are typeset as maths, never as escaped text (\text{u\_1}, \text{a*}, \text{F'(a)})
        for text in re.findall(r"\\text\{([^{}]*)\}", label):
            assert "\\_" not in text and "\\^" not in text and not re.search(r"\w\*|'\(", text), (name, label)
        assert label.count("{") == label.count("}"), label


@pytest.mark.parametrize("key, latex", [
    ("u_1", "u_{1}"), ("a*", "a^*"), ("F'(a)", "F'(a)"), ("m_{t+1}", "m_{t+1}"), ("a_inf", r"a_{\infty}"),
    ("phi'(a)", r"\phi'(a)"), ("d/dalpha log N", r"d/d\alpha \log N"), ("upper", r"\text{upper}"),
    ("a* (gaps)", r"a^*\text{ (gaps)}"), ("(x+1)^2", "(x+1)^2"), ("100% & more", r"100\% \&\text{ more}"),
])
def test_label_latex(key, latex):
    from pluralnash.theory._derivation import _label_latex

    assert _label_latex(key) == latex
