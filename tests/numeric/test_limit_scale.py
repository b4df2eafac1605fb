"""The big-integer floating-point engine behind the large-K step and the limit solver at scale.

Every piece is checked against mpmath computed independently (per value, at higher precision),
and each check has a planted wrong variant that the same comparison must reject.
"""

import math
import random
from fractions import Fraction as Fr

import mpmath
import pytest

from pluralnash.numeric import Landscape, evaluate_curated_update, evaluate_Z, solve_limit
from pluralnash.numeric.arith import blockfloat as bf
from pluralnash.theory import Verdict


def _mpf_tuples(values):
    return [v._mpf_ for v in values]


@pytest.mark.parametrize("prec", [53, 113, 203])
def test_to_mpf_rounds_exactly_as_mpmath(prec):
    rng = random.Random(prec)
    mans = [rng.getrandbits(rng.randint(1, 500)) for _ in range(2000)] + [0, 1, 2 ** 300, 2 ** prec - 1]
    mans += [((2 * rng.getrandbits(prec) + 1) << 7) + 64 for _ in range(100)]  # exact ties
    exps = [rng.randint(-5000, 100) for _ in mans]
    with mpmath.workprec(prec):
        want = [mpmath.mpf((m, e))._mpf_ for m, e in zip(mans, exps)]
    assert _mpf_tuples(bf.to_mpf(mans, exps, prec)) == want
    # negative control: rounding at one bit less is not mpmath's rounding
    assert _mpf_tuples(bf.to_mpf(mans, exps, prec - 1)) != want


@pytest.mark.parametrize("prec", [53, 203])
def test_rationals_to_mpf_is_mpmath_division(prec):
    rng = random.Random(7)
    vals = [Fr(rng.randint(0, 10 ** rng.randint(1, 80)), rng.randint(1, 10 ** rng.randint(1, 80))) for _ in range(1500)]
    vals += [Fr(1, 10 ** 300), Fr(10 ** 300 - 1, 10 ** 300), Fr(3 ** 400, 7 ** 300), Fr(0)]
    with mpmath.workprec(prec):
        want = [(mpmath.mpf(v.numerator) / v.denominator)._mpf_ for v in vals]
    assert _mpf_tuples(bf.rationals_to_mpf(vals, prec)) == want


@pytest.mark.parametrize("bits", [64, 230])
def test_exp_neg_meets_its_error_bound(bits):
    rng = random.Random(bits)
    ds = [Fr(rng.randint(0, 10 ** 6), rng.choice([1, 3, 1000])) for _ in range(400)] + [Fr(0), Fr(1, 10 ** 40), Fr(10 ** 7)]
    mans, exps = bf.exp_neg([d.numerator for d in ds], [d.denominator for d in ds], bits)
    with mpmath.workprec(bits + 60):
        errs = [abs(mpmath.ldexp(M, E) / mpmath.exp(-mpmath.mpf(d.numerator) / d.denominator) - 1)
                for d, M, E in zip(ds, mans, exps)]
        assert max(errs) < mpmath.ldexp(1, -bits - 3)
        # negative control: the same comparison sees a one-part-in-2^bits error
        planted = mpmath.ldexp(mans[0] + (mans[0] >> bits), exps[0]) / mpmath.exp(-mpmath.mpf(ds[0].numerator) / ds[0].denominator)
        assert abs(planted - 1) >= mpmath.ldexp(1, -bits - 3)


def test_float_upper_bounds_bound_from_above():
    rng = random.Random(3)
    ds = [Fr(rng.randint(0, 800 * 7), 7) for _ in range(500)] + [Fr(0), Fr(10 ** 6), Fr(745), Fr(746)]
    ups = bf.exp_up_floats([d.numerator for d in ds], [d.denominator for d in ds])
    with mpmath.workprec(300):
        for d, u in zip(ds, ups):
            true = mpmath.exp(-mpmath.mpf(d.numerator) / d.denominator)
            assert u > 0 and mpmath.mpf(u) >= true
            if true > mpmath.ldexp(1, -1000):
                assert mpmath.mpf(u) <= true * (1 + mpmath.ldexp(1, -51))  # and tight
    assert ups[-4] == 1.0


def test_div_up_is_an_upper_bound():
    """The limit solver's float screen rests on num/den rounded up; a float product test is not enough."""
    from pluralnash.numeric.engines.limit import _div_up

    rng = random.Random(11)
    pairs = [(rng.randint(1, 10 ** 9), rng.randint(1, 10 ** 9)) for _ in range(3000)]
    assert all(Fr(_div_up(a, b)) >= Fr(a, b) for a, b in pairs)

    def planted(num, den):  # the earlier test in floats: x * den can round onto num
        x = num / den
        return math.nextafter(x, math.inf) if x * den != num else x

    assert any(Fr(planted(a, b)) < Fr(a, b) for a, b in pairs)


def _hostile(n, m, seed):
    rng = random.Random(seed)
    rewards = [[-rng.randint(0, 10 ** 6) for _ in range(n)] for _ in range(m)]
    for i in range(m):
        rewards[i][i] = 0
    tiny = [Fr(1, 10 ** 300)] * (n // 3)
    rest = (1 - sum(tiny)) / (n - len(tiny))
    return Landscape(rewards=rewards, p0=tiny + [rest] * (n - len(tiny)))


def _plain_step(L, p, dps):
    """Eq. 5 atom by atom in mpmath, at more digits than asked."""
    with mpmath.workdps(dps + 20):
        w = [[mpmath.exp(int(r - max(row))) for r in row] for row in L.rewards]  # integer rewards here
        q = [mpmath.mpf(v.numerator) / v.denominator for v in L.weights]
        Z = [mpmath.fsum(a * b for a, b in zip(p, row)) for row in w]
        return [p[x] * mpmath.fsum(q[i] * w[i][x] / Z[i] for i in range(L.m)) for x in range(L.n)]


def test_hostile_step_matches_a_plain_mpmath_loop():
    """Masses of 10^-300 and rewards of magnitude 10^6: every atom to the working precision."""
    L = _hostile(600, 3, 1)
    with mpmath.workdps(40):
        p = [mpmath.mpf(v.numerator) / v.denominator for v in L.p0]
    got = evaluate_curated_update(L, p, dps=30)
    want = _plain_step(L, p, 30)
    with mpmath.workdps(60):
        rel = [abs(a - b) / b for a, b in zip(got, want)]
        assert max(rel) < mpmath.mpf(10) ** -29
        # negative control: a one-digit perturbation of a single atom is seen
        bad = list(got)
        bad[7] = bad[7] * (1 + mpmath.mpf(10) ** -25)
        assert max(abs(a - b) / b for a, b in zip(bad, want)) > mpmath.mpf(10) ** -29


def test_Z_on_the_support_equals_Z_over_all_atoms():
    L = _hostile(300, 2, 2)
    with mpmath.workdps(40):
        p = [mpmath.mpf(0) if k % 3 else mpmath.mpf(1) / 100 for k in range(L.n)]
        p = [v / mpmath.fsum(p) for v in p]
        Z = evaluate_Z(L, p, dps=30)
        w = L.scaled_w(40)
        tops = [mpmath.exp(max(row)) for row in L.rewards]
        want = [mpmath.fsum(a * b for a, b in zip(p, row)) * t for row, t in zip(w, tops)]
        assert all(abs(a - b) <= mpmath.mpf(10) ** -29 * b for a, b in zip(Z, want))


def test_hostile_limit_is_certified_at_a_few_thousand_atoms():
    L = _hostile(3000, 2, 4)
    res = solve_limit(L, dps=20)
    assert res.certificate.verdict is Verdict.HOLDS, res.certificate
    assert set(res.support) <= {0, 1}
    # the limit is a fixed point of the step, to the precision asked
    nxt = evaluate_curated_update(L, res.p, dps=20)
    with mpmath.workdps(30):
        assert max(abs(a - b) for a, b in zip(nxt, res.p)) < mpmath.mpf(10) ** -18


def test_up_bounds_in_underflow_and_overflow():
    import math

    from mpmath import iv

    from pluralnash.numeric.engines.limit import _up

    # _up: the upper end 1e-330 is below the least subnormal; 1.25 * 2^-1074 rounds to 2^-1074 in ldexp
    assert _up(iv.mpf("1e-330")) == math.ulp(0.0)
    assert _up(iv.mpf(2) ** -1074 * iv.mpf("1.25")) == 2 * math.ulp(0.0)
    assert _up(iv.mpf("1e400")) == math.inf
    assert _up(iv.mpf("0.1")) >= 0.1


def test_div_up_bounds_beyond_the_float_range():
    import math

    from pluralnash.numeric.engines.limit import _div_up

    # _div_up: a quotient beyond the float range is bounded by inf, not an OverflowError
    assert _div_up(10 ** 400, 1) == math.inf
    assert _div_up(1, 10 ** 400) == math.ulp(0.0)
    assert _div_up(1, 3) > 1 / 3 and _div_up(1, 4) == 0.25


def test_numpy_is_imported_when_the_solver_first_uses_it():
    import subprocess
    import sys

    pytest.importorskip("numpy")
    probe = ("import sys\nfrom pluralnash.numeric import Landscape, solve_limit\nprint('numpy' in sys.modules)\n"
             "solve_limit(Landscape(exp_rewards=[[2, 1], [1, 2]], weights=['1/2', '1/2']))\n"
             "print('numpy' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "True"]  # not at import; loaded by the first solve (the control that it is used)
