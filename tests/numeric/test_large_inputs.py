"""Valid inputs at large sizes: a correct answer, an UNDECIDED with its reason, or a one-line
error; never a crash, a hang or an unreadable number."""

import json
from fractions import Fraction

import pytest

from pluralnash.cli import main
from pluralnash.numeric import Landscape, evaluate_finite_k_weights, evaluate_selection_law
from pluralnash.claims.core.checks import check_lemma_3_1, check_nash_limit
from pluralnash.theory import InvalidArgument, Verdict

README_SETUP = {"exp_rewards": [["1", "1/100", "1/2"], ["1/100", "1", "1/2"]], "weights": ["1/3", "2/3"],
                "p0": ["1/3", "1/3", "1/3"], "exp_eps": "9/10"}


@pytest.mark.parametrize("K", [100, 1000, 10**5])
def test_nash_limit_refuses_a_setup_with_k_in_one_line(K):
    # the statement is about the large-K dynamics: K is refused, never silently replaced
    with pytest.raises(InvalidArgument) as info:
        check_nash_limit(Landscape(**README_SETUP, K=K))
    msg = str(info.value)
    assert "\n" not in msg and f"K={K}" in msg and "large-K" in msg and "drop K" in msg
    assert check_nash_limit(Landscape(**README_SETUP)).verdict is Verdict.HOLDS


def test_nash_limit_refuses_reference_data_in_one_line():
    L = Landscape(**README_SETUP, reference=["1/3", "1/3", "1/3"], lam="1/2")
    with pytest.raises(InvalidArgument, match=r"lam=1/2 .*drop reference and lam"):
        check_nash_limit(L)


def test_check_nash_limit_command_with_k_100(tmp_path, capsys):
    path = tmp_path / "s.json"
    path.write_text(json.dumps({**README_SETUP, "K": 100}))
    # nash-limit states the large-K dynamics: a setup with K is refused in one line, never crashes
    assert main(["check", "nash-limit", "--setup", str(path)]) == 2
    out = capsys.readouterr()
    assert "Traceback" not in out.err and out.err.count("\n") == 1 and "drop K=100" in out.err
    # the claims about finite K decide it
    assert main(["check", "lemma-3.1", "--setup", str(path)]) in (0, 1)
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("K", [1000, 10**5, 10**12])
def test_lemma_3_1_too_large_for_brute_force_is_undecided_with_a_short_reason(K):
    L = Landscape(exp_rewards=[["3", "1"]], p0=["1/2", "1/2"], K=K)
    res = check_lemma_3_1(L)
    assert res.verdict is Verdict.UNDECIDED
    assert "ordered K-tuples" in res.reason and len(res.reason) < 200


def test_lemma_3_1_below_the_brute_force_limit_still_decides():
    L = Landscape(exp_rewards=[["3", "1"]], p0=["1/2", "1/2"], K=12)
    assert check_lemma_3_1(L).verdict is Verdict.HOLDS
    bad = check_lemma_3_1(L, update=lambda p, ws, q, K: [Fraction(1, 2), Fraction(1, 2)])
    assert bad.verdict is Verdict.FAILS


@pytest.mark.parametrize("K, words", [(1000, "2^1000 (about 10^301)"), (10**12, "2^1000000000000 (about 10^301029995663)"),
                                      (18, "2^18 = 262144")])
def test_selection_law_size_guard_compares_logarithms(K, words):
    with pytest.raises(InvalidArgument) as info:
        evaluate_selection_law([Fraction(1, 2)] * 2, [[3, 1]], [1], K)
    assert words in str(info.value) and len(str(info.value)) < 300


def test_enumeration_guard_does_not_form_a_huge_count():
    n = 1000
    with pytest.raises(InvalidArgument) as info:
        evaluate_finite_k_weights([Fraction(1, n)] * n, [1] * n, 10**12, method="enumerate")
    assert "about 10^9423 compositions" in str(info.value)
    assert len(str(info.value)) < 300


def test_finite_k_at_k_10_12_by_quadrature():
    H = evaluate_finite_k_weights([Fraction(1, 2)] * 2, [3, 1], 10**12, dps=20)
    # H -> w / E_p[w] = (3/2, 1/2) as K -> infinity (Lemma 3.2), within O(1/K)
    assert abs(H[0] - Fraction(3, 2)) < 1e-9 and abs(H[1] - Fraction(1, 2)) < 1e-9


def test_coordinate_list_atoms_are_hashable_labels(tmp_path, capsys):
    setup = {"exp_rewards": [["3", "1", "2"]], "p0": ["1/3", "1/3", "1/3"], "exp_eps": "1/2",
             "atoms": [[0, 1], [1, 2], [2, [3, 4]]]}
    L = Landscape.from_json(setup)
    assert L.atoms == ((0, 1), (1, 2), (2, (3, 4)))
    assert hash(L) == hash(Landscape.from_json(setup))
    assert L.to_json()["atoms"] == setup["atoms"]  # coordinates round-trip as lists
    path = tmp_path / "s.json"
    path.write_text(json.dumps(setup))
    assert main(["check", "collapse-criterion", "--setup", str(path)]) == 0
    out = capsys.readouterr()
    assert "Traceback" not in out.err and "conclusion" in out.out


def test_the_largest_advertised_dps_is_accepted():
    from pluralnash.numeric import evaluate_Z, evaluate_curated_update
    from pluralnash.numeric.engines.dynamics import evaluate_objective
    from pluralnash.numeric.arith.precision import MAX_DPS

    L = Landscape(exp_rewards=[["3", "1"]])
    F = evaluate_objective(L, dps=MAX_DPS)  # adds guard digits inside, after checking the user's value
    import mpmath
    with mpmath.workdps(MAX_DPS + 10):
        assert abs(F - mpmath.log(2)) < mpmath.mpf(10) ** (-MAX_DPS + 2)  # Z = (3 + 1) / 2
    assert evaluate_Z(L, dps=MAX_DPS)[0] == 2
    high = evaluate_curated_update(L, K=3, dps=1000)  # beyond quadrature's reach: enumerated in mpf
    exact = evaluate_curated_update(L, K=3)
    with mpmath.workdps(1010):
        assert abs(high[0] - mpmath.mpf(exact[0].numerator) / exact[0].denominator) < mpmath.mpf(10) ** -995


def test_huge_integers_are_a_one_line_error():
    with pytest.raises(InvalidArgument) as info:
        Landscape(exp_rewards=[[10**5000, 1]])
    assert "exp_rewards[0][0] is a number of about 5000 digits" in str(info.value)
    with pytest.raises(InvalidArgument):
        Landscape(exp_rewards=[[Fraction(1, 10**5000), 1]])
    assert Landscape(exp_rewards=[[10**3999, 1]]).exp_rewards[0][0] == 10**3999  # within the limit


@pytest.mark.parametrize("p0, expected", [
    ([1 / 3, 2 / 3], (Fraction(1, 3), Fraction(2, 3))),  # the floats sum to 0.9999999999999999
    ([0.1] * 10, (Fraction(1, 10),) * 10),
    ([1 / 7] * 7, (Fraction(1, 7),) * 7),
    (["1/3", "2/3"], (Fraction(1, 3), Fraction(2, 3))),
])
def test_float_masses_off_by_rounding_are_renormalised_exactly(p0, expected):
    L = Landscape(exp_rewards=[[1] * len(p0)], p0=p0)
    assert L.p0 == expected and sum(L.p0) == 1


@pytest.mark.parametrize("p0", [[0.3, 0.6], [0.5, 0.5 + 2**-40], ["1/3", "0.6666666666666666"]])
def test_masses_off_by_more_than_float_rounding_are_refused(p0):
    # negative control: beyond n 2^-52, or any exact entry, is not rounding
    with pytest.raises(InvalidArgument) as info:
        Landscape(exp_rewards=[[1, 2]], p0=p0)
    assert "must sum to 1" in str(info.value) and "normalise" in str(info.value)


def test_numpy_inputs():
    np = pytest.importorskip("numpy")
    L = Landscape(exp_rewards=np.array([[1.0, 2.0], [2.0, 1.0]]), weights=np.array([1 / 3, 2 / 3]),
                  p0=[np.float64(0.25), np.float32(0.75)], K=np.int64(3))
    assert L.exp_rewards == ((1, 2), (2, 1)) and L.weights == (Fraction(1, 3), Fraction(2, 3))
    assert L.p0 == (Fraction(1, 4), Fraction(3, 4)) and L.K == 3
    assert Landscape(rewards=np.zeros((2, 3))).n == 3
    assert Landscape(exp_rewards=[[1, 2]], atoms=np.array([[0.0, 1.0], [1.0, 0.0]])).atoms == ((0.0, 1.0), (1.0, 0.0))
    with pytest.raises(InvalidArgument) as info:
        Landscape(exp_rewards=np.array([1.0, 2.0]))
    assert "flat list" in str(info.value)
    with pytest.raises(InvalidArgument):
        Landscape(exp_rewards=[[np.float64("nan"), 1.0]])


def test_long_runs_keep_about_ten_thousand_records_and_the_last_step():
    from pluralnash.numeric import run_dynamics
    from pluralnash.numeric.engines.dynamics import AUTO_RECORDS

    L = Landscape(**README_SETUP)
    calls = []
    tr = run_dynamics(L, 2 * AUTO_RECORDS + 1, progress=lambda done, total: calls.append((done, total)))
    ts = [r.t for r in tr.records]
    assert ts[0] == 0 and ts[-1] == 2 * AUTO_RECORDS + 1 and ts[1] == 3
    assert len(ts) <= AUTO_RECORDS + 2
    assert calls[-1] == (2 * AUTO_RECORDS + 1, 2 * AUTO_RECORDS + 1) and len(calls) <= 1001
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    every = run_dynamics(L, 10, record_every=4)
    assert [r.t for r in every.records] == [0, 4, 8, 10]
    assert len(run_dynamics(L, 50).records) == 51  # short runs record every step


@pytest.mark.parametrize("L", [
    Landscape(rewards=[["1", "0", "1/2"], ["0", "1", "1/2"]], weights=["1/3", "2/3"], eps="1/3"),
    Landscape(exp_rewards=[["3", "1", "2", "1/1000"], ["1", "5/2", "2", "7"]], p0=["1/2", "1/4", "1/4", "0"],
              exp_eps="1/2"),
    Landscape(rewards=[["1000000", "999999", "0"]], eps="2"),
    Landscape(exp_rewards=[["3", "1"], ["1", "3"], ["2", "2"]], weights=["1/2", "0", "1/2"], eps="1/10"),
])
@pytest.mark.parametrize("dps", [15, 40])
def test_one_pass_summaries_match_the_evaluate_functions(L, dps):
    import mpmath

    from pluralnash.numeric.engines import dynamics as D

    fast = D._FastLargeK(L, dps)
    inside = set().union(*map(set, L.basins()))
    groups = list(L.basins()) + [[k for k in range(L.n) if k not in inside]]
    with mpmath.workdps(dps + D.GUARD):
        p = D._mass_vector(L, None, False)
        for _ in range(3):
            p = fast.step(p)
    a, b = fast.summary(p, groups), D._summary(L, p, False, dps, groups)
    tol = mpmath.mpf(10) ** (2 - dps)
    with mpmath.workdps(dps + D.GUARD):
        for x, y in zip(a["Z"] + a["groups"] + [a["W_max"], a["F"]], b["Z"] + b["groups"] + [b["W_max"], b["F"]]):
            assert abs(x - y) <= tol * max(abs(y), 1), (x, y)
    # negative control: the summary of a different p differs
    with mpmath.workdps(dps + D.GUARD):
        other = fast.summary(fast.step(p), groups)
    assert other["F"] > a["F"]  # F ascends along the large-K map ([FALA26] Theorem 3.7)


def test_numpy_mass_vectors_in_the_engines():
    np = pytest.importorskip("numpy")
    from pluralnash.numeric import evaluate_curated_update, evaluate_Z

    L = Landscape(exp_rewards=[[3, 1]])
    assert evaluate_curated_update(L, np.array([0.5, 0.5])) == evaluate_curated_update(L, [0.5, 0.5])
    assert evaluate_Z(L, np.array([0.25, 0.75]))[0] == 1.5
    assert evaluate_curated_update(L, [np.int64(1), np.int64(0)])[0] == 1


def test_run_command_accepts_its_advertised_largest_dps(tmp_path, capsys):
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"exp_rewards": [["3", "1"]]}))
    assert main(["run", "--setup", str(path), "--steps", "0", "--dps", "100000", "--json", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["dps"] == 100000 and data["trajectory"][0]["F"].startswith("0.693147180559945309417")  # log 2
    with pytest.raises(SystemExit) as info:  # argparse's own range check: usage error
        main(["run", "--setup", str(path), "--steps", "0", "--dps", "100001"])
    assert info.value.code == 2
    assert "--dps=100001" in capsys.readouterr().err
