"""Inputs users will feed the toolkit: every one gives a correct answer or a clear one-line error,
never a traceback, a hang or a silently wrong number."""

import json
import subprocess
import sys
from fractions import Fraction

import mpmath
import pytest

from pluralnash.cli import main
from pluralnash.numeric import Landscape, evaluate_curated_update, parse_setup, run_dynamics, solve_limit
from pluralnash.theory import InvalidArgument, Verdict


def mp(x):
    return mpmath.mpf(x.numerator) / x.denominator if isinstance(x, Fraction) else x


# (setup JSON, words the one-line error must contain)
MALFORMED = [
    ('{"exp_rewards": [[1, "x"]]}', ["exp_rewards[0][1]='x'", "not a number"]),
    ('{"exp_rewards": [[1, null]]}', ["exp_rewards[0][1]=None"]),
    ('{"exp_rewards": [[1, true]]}', ["bool"]),
    ('{"exp_rewards": {"a": 1}}', ["must be a list of rows"]),
    ('{"exp_rewards": []}', ["no rewards"]),
    ('{"exp_rewards": [[]]}', ["is empty"]),
    ('{"weights": ["1"]}', ["exactly one of rewards="]),
    ('{"exp_rewards": [[1, NaN]]}', ["NaN", "finite"]),
    ('{"exp_rewards": [[1, Infinity]]}', ["Infinity", "finite"]),
    ('{"exp_rewards": [[1, 1e999999]]}', ["4000 digits"]),
    ('{"exp_rewards": [[1, ' + "9" * 5000 + ']]}', ["cannot read"]),
    ('{"exp_rewards": [[1, 2]], "p0": "1/2"}', ["p0='1/2' must be a list"]),
    ('{"exp_rewards": [[1, 2]], "K": 2.5}', ["K=", "whole number"]),
    ('{"exp_rewards": [[1, 2]], "rewardz": 1}', ["unknown key 'rewardz'", "did you mean 'rewards'"]),
    ("[" * 100000 + "]" * 100000, ["nests too deeply"]),
    ('{"mu": [["0"]], "init": {"kind": "gaussian", "mean": ["0"], "var": "1"}, "betta": "1"}',
     ["unknown key 'betta'", "did you mean 'beta'"]),
    ('{"mu": [["0"]], "init": {"kind": "cauchy"}}', ["kind 'gaussian'", "'uniform'"]),
    ('{"mu": [["0"]], "init": {"kind": "uniform", "low": "0", "hi": "1"}}', ["unknown key 'hi'"]),
    ('{"mu": [["0"]]}', ["has no 'init'"]),
    ('{"mu": [["0"]], "init": {"kind": "gaussian", "mean": ["0"], "var": "-1"}}', ["Gaussian.var=-1", "> 0"]),
    ("", ["not valid JSON"]),
    ("\x00\x01", ["not valid JSON"]),
]


@pytest.mark.parametrize("text, words", MALFORMED, ids=[f"malformed{k}" for k in range(len(MALFORMED))])
def test_malformed_setup_files_give_one_line_errors(tmp_path, capsys, text, words):
    path = tmp_path / "setup.json"
    path.write_text(text)
    with pytest.raises(InvalidArgument) as info:
        parse_setup(text)
    assert "\n" not in str(info.value)
    assert main(["limit", "--setup", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    for word in words:
        assert word in err, (word, err)


def test_huge_setup_file_is_refused_before_reading(tmp_path, capsys):
    path = tmp_path / "huge.json"
    with open(path, "wb") as fh:
        fh.truncate(300 * 2**20)  # sparse: costs no disk
    assert main(["run", "--setup", str(path), "--steps", "1"]) == 2
    err = capsys.readouterr().err
    assert "300 MiB" in err and "up to 256 MiB" in err


def test_non_utf8_file(tmp_path, capsys):
    path = tmp_path / "latin1.json"
    path.write_bytes(b'{"exp_rewards": [[1, 2]], "name": "\xe9"}')
    assert main(["limit", "--setup", str(path)]) == 2
    assert "not UTF-8" in capsys.readouterr().err


@pytest.mark.parametrize("magnitude", [10**3, 10**6])
def test_rewards_of_huge_magnitude(magnitude):
    """Shifted exponents: no overflow, no NaN, and the right answer (rewards differ by `magnitude`)."""
    L = Landscape(rewards=[[0, -magnitude, "-1/2"], [-magnitude, 0, "-1/2"]], weights=["1/3", "2/3"])
    p = evaluate_curated_update(L, dps=30)
    assert all(mpmath.isfinite(v) and v >= 0 for v in p)
    # the far atom's weight is about e^{-magnitude}: its relative error, not just its absolute one, is small
    with mpmath.workdps(50):
        Z = [mpmath.fsum([mpmath.mpf(1) / 3, mpmath.exp(-magnitude) / 3, mpmath.exp(mpmath.mpf(-1) / 2) / 3])] * 2
        want = [mpmath.mpf(1) / 3 * (mpmath.mpf(1) / 3 / Z[0] + mpmath.mpf(2) / 3 * mpmath.exp(-magnitude) / Z[1])]
        assert abs(p[0] - want[0]) <= mpmath.mpf(10) ** -28 * want[0]
    res = solve_limit(L, dps=30)
    assert res.certificate.verdict is Verdict.HOLDS
    assert all(mpmath.isfinite(z) for z in res.Z)


def test_masses_down_to_1e_minus_300_keep_relative_precision():
    tiny = Fraction(1, 10**300)
    L = Landscape(exp_rewards=[[1, "1/2", "1/3"], ["1/3", 1, "1/2"]], p0=[tiny, Fraction(1, 2), Fraction(1, 2) - tiny])
    tr = run_dynamics(L, 8, dps=30, record_every=8)
    exact = run_dynamics(L, 8, exact=True, record_every=8).p_T
    with mpmath.workdps(60):
        assert abs(tr.p_T[0] - mp(exact[0])) <= mpmath.mpf(10) ** -28 * mp(exact[0])


def test_many_atoms():
    n = 20000
    L = Landscape(rewards=[[-(k % 97) for k in range(n)], [-(k % 89) for k in range(n)]])
    res = solve_limit(L, dps=20)
    assert res.certificate.verdict is Verdict.HOLDS
    p1 = evaluate_curated_update(L, dps=20)
    with mpmath.workdps(30):
        assert abs(mpmath.fsum(p1) - 1) < mpmath.mpf(10) ** -18


def test_10_to_the_5_atoms_with_huge_rewards_and_tiny_masses():
    # n = 10^5, rewards down to -10^6, a third of the masses 10^-300 (atom 0 among them)
    n, tiny = 10**5, Fraction(1, 10**300)
    rest = (1 - ((n + 2) // 3) * tiny) / (n - (n + 2) // 3)
    p0 = [tiny if k % 3 == 0 else rest for k in range(n)]
    rewards = [[-(k % 997) * 1000 for k in range(n)], [-((7 * k) % 991) * 1000 for k in range(n)]]
    L = Landscape(rewards=rewards, p0=p0)
    # atom 0 is the only common maximiser (r = 0 for both): the limit is the point mass there
    res = solve_limit(L, dps=20)
    assert res.certificate.verdict is Verdict.HOLDS and res.support == (0,)
    # one step, against the exact value up to the e^-1000 terms: p_1(0) = p_0(0) sum_i q_i / Z_i
    Z = [sum((p for p, r in zip(p0, row) if r == 0), Fraction(0)) for row in rewards]
    expected = tiny * (Fraction(1, 2) / Z[0] + Fraction(1, 2) / Z[1])
    p1 = evaluate_curated_update(L, dps=20)
    with mpmath.workdps(40):
        assert abs(p1[0] / mp(expected) - 1) < mpmath.mpf(10) ** -18
        assert abs(mpmath.fsum(p1) - 1) < mpmath.mpf(10) ** -18


@pytest.mark.parametrize("kw", [
    dict(exp_rewards=[[1, 1, 1], [1, 1, 1]]),                      # every atom tied: p_t = p0
    dict(exp_rewards=[[1, "1/2"], ["1/2", 1]], weights=[1, 0]),     # a zero weight
    dict(exp_rewards=[[1, "1/2", "1/2"], ["1/2", 1, 1]]),           # duplicate atoms
    dict(exp_rewards=[[2, 1, 3], [2, 3, 1]]),                       # a compromise tied with the midpoint
    dict(exp_rewards=[[1, "1/2"], ["1/2", 1]], exp_eps="1/2"),      # each atom on the other basin's edge
])
def test_near_degenerate_setups(kw):
    L = Landscape(**kw)
    res = solve_limit(L)
    assert res.certificate.verdict in (Verdict.HOLDS, Verdict.UNDECIDED)
    if res.certificate.verdict is Verdict.UNDECIDED:
        assert res.certificate.reason
    tr = run_dynamics(L, 200, dps=30, record_every=200)
    if res.unique:
        with mpmath.workdps(40):
            assert max(abs(mp(a) - b) for a, b in zip(res.p, tr.p_T)) < mpmath.mpf(10) ** -2
    if L.has_eps:
        assert L.basins() == ((0, 1), (0, 1))  # the edge w = e^-eps max w belongs to the basin


def test_exact_runs_stop_before_the_numbers_explode():
    L = Landscape(exp_rewards=[[1, "1/2", "1/3"], ["1/3", 1, "1/2"]], p0=["1/7", "2/7", "4/7"])
    with pytest.raises(InvalidArgument, match="exact=True: at t="):
        run_dynamics(L, 60, exact=True, record_every=60)


def test_byte_identical_json_run_after_run(tmp_path):
    setup = tmp_path / "s.json"
    setup.write_text(json.dumps({"exp_rewards": [["1", "1/100", "1/2"], ["1/100", "1", "1/2"]],
                                 "exp_eps": "9/10"}))
    outs = []
    for _ in range(2):
        outs.append(subprocess.run([sys.executable, "-m", "pluralnash", "run", "--setup", str(setup), "--steps", "5",
                                    "--json", "-"], capture_output=True, check=True).stdout)
        outs.append(subprocess.run([sys.executable, "-m", "pluralnash", "limit", "--setup", str(setup), "--json", "-"],
                                   capture_output=True, check=True).stdout)
    assert outs[0] == outs[2] and outs[1] == outs[3]


QUADRATIC = '{"mu": [["-1"], ["1"]], "beta": "1", "weights": ["1/3", "2/3"], ' \
            '"init": {"kind": "uniform", "low": "-3", "high": "3"}, "eps": "1/10"}'


def test_continuous_setup_files_round_trip_and_check(tmp_path, capsys):
    from pluralnash.numeric import QuadraticLandscape

    L = parse_setup(QUADRATIC)
    assert isinstance(L, QuadraticLandscape) and parse_setup(json.dumps(L.to_json())) == L
    path = tmp_path / "q.json"
    path.write_text(QUADRATIC)
    assert main(["check", "continuous-closed-form", "--setup", str(path)]) == 0
    assert "conclusion HOLDS" in capsys.readouterr().out


@pytest.mark.parametrize("args, text, words", [
    (["check", "lemma-3.1"], QUADRATIC, ["claim 'lemma-3.1' checks a finite-atom setup"]),
    (["check", "continuous-closed-form"], '{"exp_rewards": [[1, "1/2"]]}', ["checks a continuous setup"]),
    (["limit"], QUADRATIC, ["continuous setup", "limit works on finite-atom"]),
    (["run", "--steps", "2"], QUADRATIC, ["continuous setup", "run works on finite-atom"]),
])
def test_a_setup_of_the_other_kind_is_refused_in_one_line(tmp_path, capsys, args, text, words):
    path = tmp_path / "s.json"
    path.write_text(text)
    assert main(args + ["--setup", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    for word in words:
        assert word in err, (word, err)
