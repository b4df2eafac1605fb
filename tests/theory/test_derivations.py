"""Every registered derivation builds, renders and certifies (HOLDS, method symbolic)."""

import dataclasses

import pytest
import sympy

from pluralnash.theory import DERIVATIONS, CheckResult, Derivation, Verdict, derive

EXPECTED_NAMES = {
    "large-k-map", "fixed-point", "kkt", "gradient-identity", "nash-product", "nash-foc",
    "finite-k-integral", "lemma-3.2-bounds", "ascent",
    "plateau-recursion", "plateau-limit", "total-variance", "ferbach-variance-bound",
    "decay-induction", "leakage-interval", "non-collapse-margin",
    "collapse-criterion", "finite-k-expansion", "plateau-window",
    "mixing-fixed-point", "mixing-several-rewards", "continuous-closed-form",
    "rate-jacobian", "outside-rate", "plateau-sensitivity", "limit-sensitivity", "tie-rate",
    "m-basin-interval", "finite-k-basin-bounds", "two-atom-collapse",
}


@pytest.fixture(scope="module")
def built():
    return {name: factory() for name, factory in DERIVATIONS.items()}


@pytest.fixture(scope="module")
def certificates(built):
    return {name: d.certify() for name, d in built.items()}


def test_registry_names():
    assert set(DERIVATIONS) == EXPECTED_NAMES


@pytest.mark.parametrize("name", sorted(EXPECTED_NAMES))
def test_certificate_holds(name, built, certificates):
    result = certificates[name]
    assert isinstance(result, CheckResult)
    assert result.verdict is Verdict.HOLDS, result.reason
    assert result.method == "symbolic"
    assert result.certified
    assert len(result.evidence["checked"]) == len(built[name].identities) > 0
    assert all(step["verdict"] == "HOLDS" for step in result.evidence["checked"])


@pytest.mark.parametrize("name", sorted(EXPECTED_NAMES))
def test_derivation_record(name, built):
    d = built[name]
    assert isinstance(d, Derivation)
    assert d.name == name
    assert d.source.startswith("[") or "Cover" in d.source or d.source.startswith("pluralnash (this toolkit)")
    assert d.expressions and all(isinstance(v, sympy.Basic) for v in d.expressions.values())
    assert all(isinstance(s, sympy.Symbol) and s.name == key for key, s in d.symbols.items())
    latex = d.latex()
    assert latex.startswith(r"\begin{aligned}") and latex.endswith(r"\end{aligned}")
    assert latex.count("&") >= len(d.expressions)  # one aligned row per expression (a row may hold cases)
    assert d._repr_latex_().startswith("$$") and d._repr_latex_().endswith("$$")
    text = d.pretty()
    assert d.title in text and all(f"{key}:" in text for key in d.expressions)
    assert name in repr(d)


def test_derivation_is_immutable(built):
    d = built["large-k-map"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.name = "other"
    with pytest.raises(TypeError):
        d.expressions["Z_1"] = sympy.S(0)


def test_result_has_no_truth_value(certificates):
    with pytest.raises(TypeError):
        bool(certificates["kkt"])
    with pytest.raises(TypeError):
        bool(certificates["kkt"].verdict)


def test_derive_by_name_matches_factory():
    assert derive("nash-foc").expressions["alpha*"] == DERIVATIONS["nash-foc"]().symbols["q"]


@pytest.mark.parametrize("name", ["large-k-map", "fixed-point", "kkt", "gradient-identity", "ascent"])
@pytest.mark.parametrize("n, m", [(1, 1), (2, 1), (1, 3), (2, 3), (4, 2)])
def test_large_k_family_certifies_at_other_sizes(name, n, m):
    result = DERIVATIONS[name](n=n, m=m).certify()
    assert result.verdict is Verdict.HOLDS, result.reason


def test_kkt_multiplier_is_one():
    d = DERIVATIONS["kkt"](n=3, m=3)
    assert d.expressions["lambda*"] == 1


def test_nash_foc_solution_is_q():
    d = derive("nash-foc")
    assert sympy.solve(d.expressions["FOC"], d.symbols["alpha"]) == [d.symbols["q"]]


def test_cited_steps_are_reported():
    ascent = DERIVATIONS["ascent"](n=2, m=2).certify()
    cited = ascent.evidence["cited"]
    assert any("Jensen" in c for c in cited) and any("Gibbs" in c for c in cited)
    assert derive("lemma-3.2-bounds").cited and derive("finite-k-integral").cited


def test_certificates_are_json_ready(certificates):
    import json

    for result in certificates.values():
        assert json.loads(json.dumps(result.to_json()))["verdict"] == "HOLDS"
