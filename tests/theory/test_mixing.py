"""The mixing-fixed-point derivation: its certificate, and its expressions against independent numerics."""

import itertools
import random
from fractions import Fraction

import mpmath
import pytest
import sympy

from pluralnash.numeric import Landscape, evaluate_curated_update
from pluralnash.claims import solve_mixing_fixed_point
from pluralnash.theory import DERIVATIONS, InvalidArgument, Verdict, certify_identity, derive
from pluralnash.theory import derive_mixing_fixed_point


@pytest.fixture(scope="module")
def d():
    return derive_mixing_fixed_point()


def _setups(count=3, seed=7):
    rng = random.Random(seed)
    for _ in range(count):
        w = [Fraction(rng.randint(1, 12), rng.randint(1, 12)) for _ in range(3)]
        c = [rng.randint(1, 9) for _ in range(3)]
        ref = [Fraction(v, sum(c)) for v in c]
        yield w, ref, Fraction(rng.randint(1, 19), 20)


def _point(d, w, ref, lam, **extra):
    s = d.symbols
    out = {s["lam"]: sympy.Rational(lam.numerator, lam.denominator)}
    for x in range(3):
        out[s[f"w_{x + 1}"]] = sympy.Rational(w[x].numerator, w[x].denominator)
        out[s[f"rho_{x + 1}"]] = sympy.Rational(ref[x].numerator, ref[x].denominator)
    out.update({s[k]: v for k, v in extra.items()})
    return out


def test_registered_and_certified(d):
    assert DERIVATIONS["mixing-fixed-point"] is derive_mixing_fixed_point and derive("mixing-fixed-point").name == d.name
    res = d.certify()
    assert res.verdict is Verdict.HOLDS and res.certified, res.reason
    assert len(res.evidence["checked"]) == len(d.identities) > 20
    assert len(res.evidence["cited"]) == 4


def test_fixed_point_formula_against_the_engine(d):
    """p*(Z) from the derivation at the solver's Z bracket is a fixed point of the engine's mixed map."""
    for w, ref, lam in _setups():
        L = Landscape(exp_rewards=[w], reference=ref, lam=lam)
        fp = solve_mixing_fixed_point(L, bits=200)
        for Z in fp.Z:
            at = _point(d, w, ref, lam, Z=sympy.Rational(Z.numerator, Z.denominator))
            p = [Fraction(str(d.expressions[f"p*(x_{x + 1})"].xreplace(at))) for x in range(3)]
            assert all(a <= v <= b for v, (a, b) in zip(p, fp.p))
            assert abs(sum(p) - 1) < Fraction(1, 10**50)
            assert sympy.Abs(d.expressions["h(Z)"].xreplace(at) - 1) < sympy.Rational(1, 10**50)
        with mpmath.workdps(80):
            mid = [(mpmath.mpf(a.numerator) / a.denominator + mpmath.mpf(b.numerator) / b.denominator) / 2
                   for a, b in fp.p]
            image = evaluate_curated_update(L, mid, dps=80)
            assert max(abs(u - v) for u, v in zip(image, mid)) < mpmath.mpf(10) ** -50


def test_jacobian_against_finite_differences(d):
    w, ref, lam = next(_setups(seed=3))
    L = Landscape(exp_rewards=[w], reference=ref, lam=lam)
    p = [Fraction(1, 5), Fraction(3, 10), Fraction(1, 2)]
    J = d.expressions["DT(p)"].xreplace(_point(d, w, ref, lam, p_1=sympy.Rational(1, 5), p_2=sympy.Rational(3, 10),
                                                p_3=sympy.Rational(1, 2)))
    h = mpmath.mpf(10) ** -20
    with mpmath.workdps(60):
        for y in range(3):
            up = [mpmath.mpf(v.numerator) / v.denominator + (h if k == y else 0) for k, v in enumerate(p)]
            dn = [mpmath.mpf(v.numerator) / v.denominator - (h if k == y else 0) for k, v in enumerate(p)]
            fu, fd = evaluate_curated_update(L, up, dps=60), evaluate_curated_update(L, dn, dps=60)
            for x in range(3):
                assert abs((fu[x] - fd[x]) / (2 * h) - mpmath.mpf(sympy.N(J[x, y], 50))) < mpmath.mpf(10) ** -30


def test_spectrum_and_cross_ratio_against_mpmath(d):
    for w, ref, lam in _setups(seed=11):
        L = Landscape(exp_rewards=[w], reference=ref, lam=lam)
        fp = solve_mixing_fixed_point(L, bits=200)
        at = _point(d, w, ref, lam)
        with mpmath.workdps(60):
            M = mpmath.matrix([[mpmath.mpf(sympy.N(v, 60)) for v in row] for row in d.expressions["M"].xreplace(at).tolist()])
            eig = sorted(mpmath.re(e) for e in mpmath.eig(M)[0])
            assert abs(eig[-1] - mpmath.mpf(fp.Z[0].numerator) / fp.Z[0].denominator) < mpmath.mpf(10) ** -45
            assert abs(eig[-2] - mpmath.mpf(fp.mu2[0].numerator) / fp.mu2[0].denominator) < mpmath.mpf(10) ** -45
            assert eig[0] >= lam * min(w) * (1 - mpmath.mpf(10) ** -40)  # interlacing: every eigenvalue >= lam min w
        N = d.expressions["N"].xreplace(at)
        cross = max(N[i, k] * N[j, l] / (N[j, k] * N[i, l]) for i, j, k, l in itertools.product(range(3), repeat=4))
        assert Fraction(str(cross)) == fp.R


def test_hilbert_contraction_on_random_pairs():
    """d_H(T p, T q) <= tau d_H(p, q) at random exact pairs (Birkhoff-Hopf, cited in the derivation)."""
    rng = random.Random(5)
    for w, ref, lam in _setups(count=4, seed=13):
        L = Landscape(exp_rewards=[w], reference=ref, lam=lam)
        root = sympy.sqrt(sympy.Rational(str(solve_mixing_fixed_point(L).R)))
        tau = (root - 1) / (root + 1)
        for _ in range(5):
            c1, c2 = [rng.randint(1, 30) for _ in range(3)], [rng.randint(1, 30) for _ in range(3)]
            p, q = [Fraction(v, sum(c1)) for v in c1], [Fraction(v, sum(c2)) for v in c2]
            dist = lambda a, b: sympy.log(sympy.Rational(str(max(x / y for x, y in zip(a, b)) /  # noqa: E731
                                                              min(x / y for x, y in zip(a, b)))))
            before, after = dist(p, q), dist(evaluate_curated_update(L, p), evaluate_curated_update(L, q))
            assert sympy.N(tau * before - after, 30) >= 0


def test_naive_jacobian_form_is_refuted():
    """Negative control: DT = lam (D' - p v'^T) (no factor v'_x in the rank-one part) is false."""
    lam = sympy.Symbol("lam", positive=True)
    p = sympy.symbols("p_1:4", positive=True)
    w = sympy.symbols("w_1:4", positive=True)
    Z = sum(a * b for a, b in zip(p, w))
    T = sympy.Matrix([lam * p[x] * w[x] / Z for x in range(3)])  # the reference part has no p-derivative
    wrong = lam * (sympy.diag(*[v / Z for v in w]) - sympy.Matrix(p) * sympy.Matrix([[v / Z for v in w]]))
    res = certify_identity(sympy.simplify(T.jacobian(sympy.Matrix(p))[0, 1] - wrong[0, 1]),
                           name="naive DT(p)[1, 2]")
    assert res.verdict is Verdict.FAILS and res.certified


@pytest.mark.parametrize("n", [2, 6, "3", True])
def test_bad_size(n):
    with pytest.raises(InvalidArgument, match=f"n={n!r} must be a whole number from 3 to 5"):
        derive_mixing_fixed_point(n)


# -- several rewards (m >= 2) ----------------------------------------------------------------------

from pluralnash.claims import solve_mixing_fixed_point_several  # noqa: E402
from pluralnash.theory import derive_mixing_several_rewards

SEVERAL = dict(exp_rewards=[["1", "1/20", "1/4"], ["1/20", "1", "1/4"]], weights=["1/3", "2/3"],
               reference=["1/10", "1/10", "4/5"], lam="9/10")


@pytest.fixture(scope="module")
def ds():
    return derive_mixing_several_rewards()


def _at(ds, L, **extra):
    s, R = ds.symbols, lambda v: sympy.Rational(v.numerator, v.denominator)  # noqa: E731
    out = {s["lam"]: R(L.lam)}
    for x in range(3):
        out[s[f"rho_{x + 1}"]] = R(L.reference[x])
        for i in range(2):
            out[s[f"v_{i + 1}{x + 1}"]] = R(L.exp_rewards[i][x])
    out.update({s[f"q_{i + 1}"]: R(L.weights[i]) for i in range(2)})
    out.update({s[k]: R(v) for k, v in extra.items()})
    return out


def test_several_registered_and_certified(ds):
    assert DERIVATIONS["mixing-several-rewards"] is derive_mixing_several_rewards
    res = ds.certify()
    assert res.verdict is Verdict.HOLDS and res.certified, res.reason
    assert len(res.evidence["checked"]) == len(ds.identities) > 25 and len(res.evidence["cited"]) == 6


def test_several_fixed_point_and_rate_against_the_engine(ds):
    """p*(Z) at the Krawczyk box is the engine's fixed point; DT(p*) from the derivation has the certified rate."""
    L = Landscape(**SEVERAL)
    fp = solve_mixing_fixed_point_several(L, prec=256)
    Zmid = [(a + b) / 2 for a, b in fp.Z]
    at = _at(ds, L, Z_1=Zmid[0], Z_2=Zmid[1])
    p = [Fraction(str(ds.expressions[f"p*(x_{x + 1})"].xreplace(at))) for x in range(3)]
    assert all(a - Fraction(1, 10**60) <= v <= b + Fraction(1, 10**60) for v, (a, b) in zip(p, fp.p))
    with mpmath.workdps(80):
        pm = [mpmath.mpf(v.numerator) / v.denominator for v in p]
        image = evaluate_curated_update(L, pm, dps=80)
        assert max(abs(u - v) for u, v in zip(image, pm)) < mpmath.mpf(10) ** -60
        J = ds.expressions["DT(p)"].xreplace({**at, **{ds.symbols[f"p_{x + 1}"]: sympy.Rational(p[x].numerator,
                                                                                          p[x].denominator)
                                                        for x in range(3)}})
        eig = sorted(mpmath.re(e) for e in mpmath.eig(mpmath.matrix([[mpmath.mpf(sympy.N(v, 60)) for v in row]
                                                                      for row in J.tolist()]))[0])
        assert abs(eig[0]) < mpmath.mpf(10) ** -40  # the normal direction
        lo, hi = (mpmath.mpf(v.numerator) / v.denominator for v in fp.rate)
        assert lo - mpmath.mpf(10) ** -40 <= eig[-1] <= hi  # the certified rate enclosure holds it
        assert abs(eig[-1] - lo) < mpmath.mpf(10) ** -20  # the Rayleigh quotient is sharp


def test_several_krawczyk_jacobian_against_finite_differences(ds):
    L = Landscape(**SEVERAL)
    Z0 = [Fraction(1, 3), Fraction(2, 3)]
    at = _at(ds, L, Z_1=Z0[0], Z_2=Z0[1])
    J = ds.expressions["dPhi/dZ"].xreplace(at)
    h = mpmath.mpf(10) ** -20
    with mpmath.workdps(60):
        for j in range(2):
            def phi(sign):
                pt = _at(ds, L, Z_1=Z0[0], Z_2=Z0[1])
                pt[ds.symbols[f"Z_{j + 1}"]] += sign * sympy.Rational(1, 10**20)
                return [mpmath.mpf(sympy.N(ds.expressions[f"Phi_{i + 1}(Z)"].xreplace(pt), 60)) for i in range(2)]
            up, dn = phi(1), phi(-1)
            for i in range(2):
                assert abs((up[i] - dn[i]) / (2 * h) - mpmath.mpf(sympy.N(J[i, j], 50))) < mpmath.mpf(10) ** -15


def test_several_potential_ascends_on_random_points(ds):
    """G(T p) - G(p) >= KL(T p || p) at random exact points (the MM inequality), with the engine's T."""
    rng = random.Random(3)
    L = Landscape(**SEVERAL)
    G = ds.expressions["G(p)"]
    for _ in range(8):
        c = [rng.randint(1, 30) for _ in range(3)]
        p = [Fraction(v, sum(c)) for v in c]
        Tp = evaluate_curated_update(L, p)
        g = lambda pt: G.xreplace(_at(ds, L, p_1=pt[0], p_2=pt[1], p_3=pt[2]))  # noqa: E731
        kl = sum(sympy.Rational(a.numerator, a.denominator) * sympy.log(sympy.Rational(a / b)) for a, b in zip(Tp, p))
        assert sympy.N(g(Tp) - g(p) - kl, 40) >= 0


def test_several_planted_identity_is_refuted():
    """Negative control: sum_x p*(x) = 1 for every Z (without the m equations) is false."""
    lam, Z1, Z2 = sympy.symbols("lam Z_1 Z_2", positive=True)
    rho = sympy.symbols("rho_1:3", positive=True)
    v1, v2 = (1, sympy.Rational(1, 2)), (sympy.Rational(1, 3), 1)  # two atoms, two rewards, fixed e^r
    W = [v1[x] / (2 * Z1) + v2[x] / (2 * Z2) for x in range(2)]
    total = sum((1 - lam) * rho[x] / (1 - lam * W[x]) for x in range(2)).subs(rho[1], 1 - rho[0])
    res = certify_identity(sympy.Eq(total, 1), name="sum p* = 1 for every Z")
    assert res.verdict is Verdict.FAILS and res.certified


@pytest.mark.parametrize("n, m, word", [(1, 2, "n=1"), (5, 2, "n=5"), (3, 1, "m=1"), (3, 4, "m=4"), (3, True, "m=True")])
def test_several_bad_size(n, m, word):
    with pytest.raises(InvalidArgument, match=word):
        derive_mixing_several_rewards(n, m)
