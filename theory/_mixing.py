r"""Derivation for reference-data mixing with one reward: the fixed point, its spectrum, the contraction.

Definitions
-----------
Atoms x = 1..n of S = supp p_ref with masses ``rho_x`` = p_ref(x) > 0, ``w_x`` = e^{r(x)} > 0 (one
reward, m = 1), curated share ``lam`` = λ in (0, 1), model ``p_x``; Z(p) = Σ_x p_x w_x and the
mixed large-K map ([FERB24] real-data mixing)

    T(p) = (1 - λ) p_ref + λ p w / Z(p).

* Fixed point: p*(x) = (1 - λ) ρ_x / (1 - λ w_x/Z) solves T(p*) = p* for every Z with E_{p*}[w] = Z,
  and E_{p*}[w] = Z (φ(Z) - (1 - λ))/λ with φ(Z) = Σ_x p*(x), so the condition is φ(Z*) = 1.
  φ = (1 - λ) + λ h, h(Z) = (1 - λ) Σ_x ρ_x w_x/(Z - λ w_x) decreases strictly on (λ max w, ∞)
  from +∞ to 0: Z* is unique.
* Power iteration: T(p) = M p / 1ᵀ M p with M = λ diag(w) + (1 - λ) p_ref wᵀ (positive on S), and
  det(M - μ) = Π_x (λ w_x - μ) · (1 - h(μ)): Z* is the Perron root and the other eigenvalues
  interlace λ w_(1) <= μ_1 <= λ w_(2) <= ... <= μ_{n-1} <= λ w_(n).
* Jacobian: ∂T_x/∂p_y = λ (δ_xy w_x/Z - p_x w_x w_y/Z²), i.e. λ (D' - (p ∘ v') v'ᵀ) with
  v' = w/Z, D' = diag(v').  1ᵀ DT = 0, so the tangent space {Σ d = 0} is invariant, and
  diag(p)^{-1/2} DT diag(p)^{1/2} = λ (D' - u uᵀ), u = √p ∘ v', is symmetric with Σ u²/v' = 1:
  0 is its eigenvalue below min v' (the normal direction) and the other n - 1, the tangent
  eigenvalues, lie in [λ min v', λ max v'].  At p* they are μ/Z* (μ ≠ Z* eigenvalues of M), so the
  local rate is at most λ max_S w / Z* < 1.
* Hilbert metric: M = N diag(w), N = (1 - λ) p_ref 1ᵀ + λ I.  The largest cross ratio of N is
  N_ii N_jj / (N_ij N_ji) = (1 + c/ρ_i)(1 + c/ρ_j), c = λ/(1 - λ), so by Birkhoff–Hopf T contracts
  d_H by τ = tanh(Δ/4) = (√R - 1)/(√R + 1), R = e^Δ, whatever the reward.

Python spellings: ``lam`` = λ, ``rho_x`` = p_ref(x), ``w_x``, ``Z``, ``mu`` = μ, ``c``, ``R``,
``e_x`` = Z - λ w_x (positive on the branch Z > λ max w).
"""

from __future__ import annotations

from functools import lru_cache

import sympy

from pluralnash.theory._base import InvalidArgument
from pluralnash.theory._certify import Identity
from pluralnash.theory._derivation import Derivation

__all__ = ["derive_mixing_fixed_point", "derive_mixing_several_rewards"]

_SOURCE = ("pluralnash (this toolkit): the fixed point and convergence of [FERB24] real-data mixing "
           "with one reward")


def _symbols(n: int):
    lam, Z, mu = sympy.symbols("lam Z mu", positive=True)
    rho = tuple(sympy.Symbol(f"rho_{x}", positive=True) for x in range(1, n + 1))
    w = tuple(sympy.Symbol(f"w_{x}", positive=True) for x in range(1, n + 1))
    p = tuple(sympy.Symbol(f"p_{x}", positive=True) for x in range(1, n + 1))
    return lam, Z, mu, rho, w, p


def _matrix_zero(name: str, A) -> Identity:
    """A matrix identity A = 0, entries reduced by ``cancel`` (rational functions) first."""
    A = sympy.Matrix(A).applyfunc(lambda e: sympy.cancel(sympy.expand(e)))
    return Identity(name, sympy.Eq(sympy.ImmutableMatrix(A), sympy.zeros(*A.shape)))


def _fixed_point_identities(n, lam, Z, rho, w):
    on_simplex = {rho[-1]: 1 - sum(rho[:-1])}
    p_star = [(1 - lam) * rho[x] / (1 - lam * w[x] / Z) for x in range(n)]
    phi = sum(p_star)
    h = (1 - lam) * sum(rho[x] * w[x] / (Z - lam * w[x]) for x in range(n))
    out = [Identity(f"T(p*)(x_{x + 1}) = p*(x_{x + 1}) when E_p*[w] = Z",
                    (1 - lam) * rho[x] + lam * p_star[x] * w[x] / Z - p_star[x]) for x in range(n)]
    out.append(Identity("E_p*[w] = Z (phi(Z) - (1 - lam))/lam, so E_p*[w] = Z iff phi(Z) = 1",
                        (sum(p_star[x] * w[x] for x in range(n)) - Z * (phi - (1 - lam)) / lam).subs(on_simplex)))
    out.append(Identity("phi(Z) = (1 - lam) + lam h(Z)", (phi - (1 - lam) - lam * h).subs(on_simplex)))
    dh = -(1 - lam) * sum(rho[x] * w[x] / (Z - lam * w[x]) ** 2 for x in range(n))
    out.append(Identity("dh/dZ = -(1 - lam) sum_x rho_x w_x/(Z - lam w_x)^2", sympy.diff(h, Z) - dh))
    a = sympy.Symbol("a", positive=True)  # λ = 1/(1 + a) keeps λ in (0, 1) for sympy's assumptions
    e = tuple(sympy.Symbol(f"e_{x}", positive=True) for x in range(1, n + 1))
    dh_e = dh.xreplace({Z - lam * w[x]: e[x] for x in range(n)}).subs(lam, 1 / (1 + a))
    out.append(Identity("dh/dZ < 0 on Z > lam max w (e_x = Z - lam w_x > 0)", sympy.StrictLessThan(dh_e, 0)))
    out.append(Identity("h(Z) -> 0 as Z -> oo, so phi -> 1 - lam < 1", sympy.Eq(sympy.limit(h, Z, sympy.oo), 0)))
    s = sympy.Symbol("s", positive=True)
    blow = ((1 - lam) * rho[0] * w[0] / (Z - lam * w[0])).subs(Z, lam * w[0] + s).subs(lam, 1 / (1 + a))
    out.append(Identity("the term of the top atom -> oo as Z -> lam w_top (so h -> oo there)",
                        sympy.Eq(sympy.limit(blow, s, 0, "+"), sympy.oo)))
    return p_star, phi, h, out


def _power_identities(n, lam, Z, mu, rho, w, p):
    on_simplex = {rho[-1]: 1 - sum(rho[:-1])}
    D = sympy.diag(*w)
    M = lam * D + (1 - lam) * sympy.Matrix(rho) * sympy.Matrix([w])
    N = (1 - lam) * sympy.Matrix(rho) * sympy.ones(1, n) + lam * sympy.eye(n)
    pv = sympy.Matrix(p)
    Zp = sum(p[x] * w[x] for x in range(n))
    Mp = M * pv
    T = [(1 - lam) * rho[x] + lam * p[x] * w[x] / Zp for x in range(n)]
    out = [Identity("1^T M p = Z(p) when p_ref is on the simplex", (sum(Mp) - Zp).subs(on_simplex))]
    out += [Identity(f"T(p)(x_{x + 1}) = (M p)(x_{x + 1}) / 1^T M p", (T[x] - Mp[x] / Zp).subs(on_simplex))
            for x in range(n)]
    out.append(_matrix_zero("M = N diag(w) (column scaling: a Hilbert-metric isometry)", M - N * D))
    h = (1 - lam) * sum(rho[x] * w[x] / (mu - lam * w[x]) for x in range(n))
    charpoly = sympy.Mul(*(lam * w[x] - mu for x in range(n))) * (1 - h)
    out.append(Identity("det(M - mu) = prod_x (lam w_x - mu) (1 - h(mu)) (matrix determinant lemma)",
                        (M - mu * sympy.eye(n)).det() - charpoly))
    return M, N, T, out


def _jacobian_identities(n, lam, T, w, p):
    Zp = sum(p[x] * w[x] for x in range(n))
    J = sympy.Matrix(T).jacobian(sympy.Matrix(p))
    v = [w[x] / Zp for x in range(n)]
    form = sympy.Matrix(n, n, lambda i, j: lam * ((v[i] if i == j else 0) - p[i] * v[i] * v[j]))
    out = [_matrix_zero("DT(p) = lam (D' - (p o v') v'^T), v' = w/Z", J - form),
           _matrix_zero("1^T DT(p) = 0: the tangent space is invariant", sympy.ones(1, n) * form)]
    u = [sympy.sqrt(p[x]) * v[x] for x in range(n)]
    sym = sympy.Matrix(n, n, lambda i, j: lam * ((v[i] if i == j else 0) - u[i] * u[j]))
    similar = sympy.diag(*[1 / sympy.sqrt(p[x]) for x in range(n)]) * form * sympy.diag(*[sympy.sqrt(p[x]) for x in range(n)])
    out.append(_matrix_zero("diag(p)^(-1/2) DT diag(p)^(1/2) = lam (D' - u u^T), u = sqrt(p) o v' (symmetric)",
                            similar - sym))
    out.append(Identity("sum_x u_x^2 / v'_x = 1: 0 solves the secular equation of D' - u u^T",
                        sympy.Eq(sum(u[x] ** 2 / v[x] for x in range(n)), 1)))
    return form, out


def _birkhoff_identities(lam, rho):
    c, R = sympy.symbols("c R", positive=True)
    ri, rj = rho[0], rho[1]
    N = lambda i, k: (1 - lam) * (ri, rj, rho[2])[i] + (lam if i == k else 0)  # noqa: E731  (rows i, j and column k)
    ratio = {"k = i": N(0, 0) / N(1, 0), "k = j": N(0, 1) / N(1, 1), "k other": N(0, 2) / N(1, 2)}
    lam_of_c = c / (1 + c)
    out = [
        Identity("column ratio N_ik/N_jk at k = i is (rho_i + c)/rho_j, c = lam/(1 - lam)",
                 (ratio["k = i"].subs(lam, lam_of_c) - (ri + c) / rj)),
        Identity("column ratio at k = j is rho_i/(rho_j + c)", ratio["k = j"].subs(lam, lam_of_c) - ri / (rj + c)),
        Identity("column ratio at any other k is rho_i/rho_j", ratio["k other"] - ri / rj),
        Identity("(rho_i + c)/rho_j > rho_i/rho_j", sympy.StrictGreaterThan((ri + c) / rj - ri / rj, 0)),
        Identity("rho_i/rho_j > rho_i/(rho_j + c)", sympy.StrictGreaterThan(ri / rj - ri / (rj + c), 0)),
        Identity("largest cross ratio ((rho_i + c)/rho_j)/(rho_i/(rho_j + c)) = (1 + c/rho_i)(1 + c/rho_j)",
                 ((ri + c) / rj) / (ri / (rj + c)) - (1 + c / ri) * (1 + c / rj)),
        Identity("tanh(log(R)/4) = (sqrt(R) - 1)/(sqrt(R) + 1)",
                 (sympy.tanh(sympy.log(R) / 4) - (sympy.sqrt(R) - 1) / (sympy.sqrt(R) + 1)).rewrite(sympy.exp)),
    ]
    return c, R, out


def _fixed_point_display(n, p_star, phi, h, M, N, J, lam, w, Z, c, rho, R) -> tuple[dict, dict]:
    """The expressions of :func:`derive_mixing_fixed_point` and their LaTeX labels."""
    exprs = {f"p*(x_{x + 1})": p_star[x] for x in range(n)}
    exprs.update({
        "phi(Z) = sum_x p*(x)": phi,
        "h(Z)": h,
        "fixed-point condition": sympy.Eq(h, 1),
        "M": sympy.ImmutableMatrix(M),
        "N": sympy.ImmutableMatrix(N),
        "DT(p)": sympy.ImmutableMatrix(J),
        "local rate bound": lam * sympy.Max(*w) / Z,
        "R = e^Delta": (1 + c / rho[0]) * (1 + c / rho[1]),
        "tau": (sympy.sqrt(R) - 1) / (sympy.sqrt(R) + 1),
    })
    labels = {f"p*(x_{x + 1})": rf"p^*(x_{{{x + 1}}})" for x in range(n)}
    labels.update({"phi(Z) = sum_x p*(x)": r"\varphi(Z)", "h(Z)": "h(Z)", "M": "M", "N": "N",
                   "DT(p)": r"DT(p)", "local rate bound": r"\rho", "R = e^Delta": r"R = e^{\Delta}",
                   "tau": r"\tau"})
    return exprs, labels


@lru_cache(maxsize=4)
def derive_mixing_fixed_point(n: int = 3) -> Derivation:
    r"""Derive the fixed point of single-reward mixing, its uniqueness, its spectrum and the contraction.

    Parameters
    ----------
    n : int, optional
        Number of atoms of S = supp p_ref in the symbolic model (>= 3, for a third column in the
        cross-ratio step).

    Returns
    -------
    Derivation
        Certificate (sympy): T(p*) = p* for the formula p*(x) = (1 - λ) ρ_x/(1 - λ w_x/Z) once
        E_{p*}[w] = Z; E_{p*}[w] = Z (φ - (1 - λ))/λ (so the condition is Σ p* = 1); φ = (1 - λ) + λ h;
        h' < 0 on Z > λ max w, h -> 0 at ∞ and -> ∞ at λ w_top (one root Z*); T(p) = M p / 1ᵀ M p
        with M = λ diag(w) + (1 - λ) p_ref wᵀ = N diag(w); the characteristic polynomial of M; the
        Jacobian DT = λ (D' - (p ∘ v') v'ᵀ), 1ᵀ DT = 0, its symmetrisation by diag(p)^{-1/2} and the
        secular root 0; the column ratios and the largest cross ratio (1 + c/ρ_i)(1 + c/ρ_j) of N;
        tanh(log R/4) = (√R - 1)/(√R + 1).

        Cited: Perron–Frobenius (a positive matrix has one nonnegative eigenvector, for a simple
        dominant eigenvalue); Cauchy interlacing for a symmetric rank-one update or downdate;
        Birkhoff–Hopf (a positive matrix contracts Hilbert's projective metric by tanh(Δ/4), Δ the
        log of its largest cross ratio); d_H(p_t, p*) -> 0 implies p_t -> p* on the simplex.

    Notes
    -----
    The Jacobian is λ (D' - (p ∘ v') v'ᵀ), not λ (D' - p v'ᵀ): the rank-one part carries p_x v'_x.
    Its symmetriser is diag(p)^{-1/2} and Σ u² = E_p[w²]/Z² >= 1, yet 0 is still the eigenvalue of
    the normal direction, so the tangent spectrum lies in [λ min v', λ max v'] (positive), tighter
    than [λ (min v' - 1), λ max v'].  m >= 2 rewards: the map is no longer projective-linear; uniqueness
    and convergence come from a concave potential instead (:func:`derive_mixing_several_rewards`).

    Examples
    --------
    >>> d = derive_mixing_fixed_point()
    >>> d.expressions["p*(x_1)"]
    rho_1*(1 - lam)/(1 - lam*w_1/Z)
    >>> d.certify().verdict
    Verdict.HOLDS
    """
    if isinstance(n, bool) or not isinstance(n, int) or not 3 <= n <= 5:
        raise InvalidArgument(f"n={n!r} must be a whole number from 3 to 5 (sympy sizes); pass e.g. n=3")
    lam, Z, mu, rho, w, p = _symbols(n)
    p_star, phi, h, ids = _fixed_point_identities(n, lam, Z, rho, w)
    M, N, T, ids_power = _power_identities(n, lam, Z, mu, rho, w, p)
    J, ids_jac = _jacobian_identities(n, lam, T, w, p)
    c, R, ids_birkhoff = _birkhoff_identities(lam, rho)
    exprs, labels = _fixed_point_display(n, p_star, phi, h, M, N, J, lam, w, Z, c, rho, R)
    return Derivation(
        name="mixing-fixed-point",
        title=f"Fixed point, spectrum and Hilbert-metric contraction of single-reward mixing (n={n})",
        source=_SOURCE,
        expressions=exprs,
        symbols={s.name: s for s in (lam, Z, mu, c, R, *rho, *w, *p)},
        identities=(*ids, *ids_power, *ids_jac, *ids_birkhoff),
        cited=(
            "Perron-Frobenius: the positive matrix M (on S, lam < 1) has one nonnegative eigenvector, the "
            "fixed point, for a simple dominant eigenvalue Z*",
            "Cauchy interlacing for symmetric rank-one updates/downdates: the other eigenvalues of M lie in "
            "[lam min w, lam max w], and those of D' - u u^T above its root 0 lie in [min v', max v']",
            "Birkhoff-Hopf: a positive matrix contracts Hilbert's projective metric by tanh(Delta/4)",
            "d_H(p_t, p*) -> 0 implies p_t -> p* on the simplex of S",
        ),
        labels=labels,
        notes=("Premises: one reward, lam in (0, 1) (lam = 0 gives p* = p_ref at once), rho_x > 0 on S and "
               "supp p_0 within S. The naive Jacobian lam (D' - p v'^T) misses the factor v'_x in the "
               "rank-one part; the certified form is lam (D' - (p o v') v'^T). m >= 2: see the "
               "derivation mixing-several-rewards (a strictly concave potential)."),
    )


# ----------------------------------------------------------------------------------------------
# several rewards (m >= 2)

_SOURCE_SEVERAL = ("pluralnash (this toolkit): uniqueness, stability and convergence of [FERB24] real-data "
                   "mixing with m >= 2 rewards")


def _several_symbols(n: int, m: int):
    lam = sympy.Symbol("lam", positive=True)
    rho = tuple(sympy.Symbol(f"rho_{x}", positive=True) for x in range(1, n + 1))
    q = tuple(sympy.Symbol(f"q_{i}", positive=True) for i in range(1, m + 1))
    v = tuple(tuple(sympy.Symbol(f"v_{i}{x}", positive=True) for x in range(1, n + 1)) for i in range(1, m + 1))
    Z = tuple(sympy.Symbol(f"Z_{i}", positive=True) for i in range(1, m + 1))
    p = tuple(sympy.Symbol(f"p_{x}", positive=True) for x in range(1, n + 1))
    pp = tuple(sympy.Symbol(f"pp_{x}", positive=True) for x in range(1, n + 1))  # another point p'
    y = tuple(sympy.Symbol(f"y_{x}", real=True) for x in range(1, n + 1))
    return lam, rho, q, v, Z, p, pp, y


def _several_fixed_point(n, m, lam, rho, q, v, Z):
    on_simplex = {rho[-1]: 1 - sum(rho[:-1]), q[-1]: 1 - sum(q[:-1])}
    W = [sum(q[i] * v[i][x] / Z[i] for i in range(m)) for x in range(n)]
    p_star = [(1 - lam) * rho[x] / (1 - lam * W[x]) for x in range(n)]
    phi = [sum(p_star[x] * v[i][x] for x in range(n)) - Z[i] for i in range(m)]
    jac = sympy.Matrix(m, m, lambda i, j: -sum(v[i][x] * lam * q[j] * v[j][x] * p_star[x] ** 2
                                               / ((1 - lam) * rho[x]) for x in range(n)) / Z[j] ** 2
                       - (1 if i == j else 0))
    out = [Identity(f"T(p*)(x_{x + 1}) = p*(x_{x + 1}) when E_p*[v_i] = Z_i for every i",
                    (1 - lam) * rho[x] + lam * p_star[x] * W[x] - p_star[x]) for x in range(n)]
    # Σ p* = 1 in two light steps (one rational function in all symbols is slow for sympy): with
    # opaque P_x and ω_x = W(x), Σ_x P_x ω_x = Σ_i q_i (Σ_x P_x v_ix)/Z_i, and P = (1 - λ) ρ/(1 - λ ω) has
    # Σ_x P_x - λ Σ_x P_x ω_x = (1 - λ) Σ ρ = 1 - λ.
    P = tuple(sympy.Symbol(f"P_{x}", positive=True) for x in range(1, n + 1))
    om = tuple(sympy.Symbol(f"omega_{x}", positive=True) for x in range(1, n + 1))
    out.append(Identity("sum_x P_x W(x) = sum_i q_i (sum_x P_x v_ix)/Z_i (order of summation)",
                        sum(P[x] * W[x] for x in range(n)) - sum(q[i] * sum(P[x] * v[i][x] for x in range(n)) / Z[i]
                                                                 for i in range(m))))
    P_star = [(1 - lam) * rho[x] / (1 - lam * om[x]) for x in range(n)]
    out.append(Identity("sum_x p*(x) - lam sum_x p*(x) W(x) = 1 - lam: with E_p*[v_i] = Z_i, sum_x p* W = 1, so "
                        "the m equations imply sum p* = 1",
                        (sum(P_star) - lam * sum(P_star[x] * om[x] for x in range(n)) - (1 - lam)).subs(on_simplex)))
    out.append(Identity("lam W*(x_1) = 1 - (1 - lam) rho_1/p*(x_1) < 1 (the bound on the local rate)",
                        lam * W[0] - (1 - (1 - lam) * rho[0] / p_star[0])))
    out.append(_matrix_zero("dPhi/dZ = -(sum_x v_i lam q_j v_j p*^2/((1 - lam) rho))/Z_j^2 - I (the Krawczyk Jacobian)",
                            sympy.Matrix(phi).jacobian(sympy.Matrix(Z)) - jac))
    return W, p_star, phi, jac, out


def _several_potential(n, m, lam, rho, q, v, p, pp, y):
    on_simplex = {rho[-1]: 1 - sum(rho[:-1]), q[-1]: 1 - sum(q[:-1])}
    Zp = [sum(p[x] * v[i][x] for x in range(n)) for i in range(m)]
    Zpp = [sum(pp[x] * v[i][x] for x in range(n)) for i in range(m)]
    W = [sum(q[i] * v[i][x] / Zp[i] for i in range(m)) for x in range(n)]
    T = [(1 - lam) * rho[x] + lam * p[x] * W[x] for x in range(n)]
    G = lam * sum(q[i] * sympy.log(Zp[i]) for i in range(m)) + (1 - lam) * sum(rho[x] * sympy.log(p[x]) for x in range(n))
    grad = [sympy.diff(G, p[x]) for x in range(n)]
    hess = sympy.hessian(G, p)
    out = [Identity(f"dG/dp_{x + 1} = lam W(x_{x + 1}) + (1 - lam) rho_{x + 1}/p_{x + 1}",
                    grad[x] - (lam * W[x] + (1 - lam) * rho[x] / p[x])) for x in range(n)]
    out += [Identity(f"p_{x + 1} (dG/dp_{x + 1} - 1) = T(p)(x_{x + 1}) - p_{x + 1}: fixed points = stationary points",
                     p[x] * (grad[x] - 1) - (T[x] - p[x])) for x in range(n)]
    out.append(Identity("sum_x p_x dG/dp_x = 1, so the multiplier of a stationary point is 1",
                        (sum(p[x] * grad[x] for x in range(n)) - 1).subs(on_simplex)))
    out.append(Identity("sum_x T(p)(x) = 1 (T maps the simplex to itself)", (sum(T) - 1).subs(on_simplex)))
    ref_hess = -lam * sum((q[i] * sympy.Matrix(v[i]) * sympy.Matrix([v[i]]) / Zp[i] ** 2 for i in range(m)),
                          sympy.zeros(n, n)) - (1 - lam) * sympy.diag(*[rho[x] / p[x] ** 2 for x in range(n)])
    out.append(_matrix_zero("Hess G = -lam sum_i q_i v_i v_i^T/Z_i^2 - (1 - lam) diag(rho/p^2)", hess - ref_hess))
    yv = sympy.Matrix(y)
    a = sympy.Symbol("a", positive=True)  # λ = 1/(1 + a) keeps λ in (0, 1) for sympy's assumptions
    quad = sympy.expand((-(yv.T * ref_hess * yv)[0, 0]).subs(lam, 1 / (1 + a)))
    sos = (sum(q[i] * (sum(v[i][x] * y[x] for x in range(n))) ** 2 / Zp[i] ** 2 for i in range(m)) / (1 + a)
           + a / (1 + a) * sum(rho[x] * y[x] ** 2 / p[x] ** 2 for x in range(n)))
    out.append(Identity("-y^T Hess G y = lam sum_i q_i (v_i.y)^2/Z_i^2 + (1 - lam) sum_x rho_x y_x^2/p_x^2",
                        quad - sympy.expand(sos)))
    out.append(Identity("that sum of squares is >= 0 (and > 0 for y != 0, as rho > 0): G is strictly concave",
                        sympy.GreaterThan(sos, 0)))
    pi = [[p[x] * v[i][x] / Zp[i] for x in range(n)] for i in range(m)]
    out += [Identity(f"sum_x pi_{i + 1}(x) = 1, pi_i = p v_i/Z_i(p) (the tilt Jensen is applied to)",
                     sum(pi[i]) - 1) for i in range(m)]
    out += [Identity(f"sum_x pi_{i + 1}(x) p'_x/p_x = Z_{i + 1}(p')/Z_{i + 1}(p)",
                     sum(pi[i][x] * pp[x] / p[x] for x in range(n)) - Zpp[i] / Zp[i]) for i in range(m)]
    Gpp = G.xreplace(dict(zip(p, pp)))
    lhs = Gpp - G - sum(T[x] * sympy.log(pp[x] / p[x]) for x in range(n))
    jensen = lam * sum(q[i] * (sympy.log(Zpp[i] / Zp[i]) - sum(pi[i][x] * sympy.log(pp[x] / p[x]) for x in range(n)))
                       for i in range(m))
    out.append(Identity("G(p') - G(p) - sum_x T(p)(x) log(p'_x/p_x) = lam sum_i q_i [log E_pi_i[p'/p] - E_pi_i[log p'/p]] "
                        "(>= 0 by Jensen; at p' = T(p) the subtracted sum is KL(T p || p))",
                        sympy.expand(sympy.expand_log(lhs - jensen, force=True)).subs(on_simplex)))
    return G, grad, hess, T, out


def _several_jacobian(n, m, lam, q, v, p, y, T):
    Zp = [sum(p[x] * v[i][x] for x in range(n)) for i in range(m)]
    W = [sum(q[i] * v[i][x] / Zp[i] for i in range(m)) for x in range(n)]
    J = sympy.Matrix(T).jacobian(sympy.Matrix(p))
    form = lam * (sympy.diag(*W) - sum((q[i] * sympy.Matrix([p[x] * v[i][x] / Zp[i] for x in range(n)])
                                        * sympy.Matrix([[v[i][x] / Zp[i] for x in range(n)]]) for i in range(m)),
                                       sympy.zeros(n, n)))
    out = [_matrix_zero("DT(p) = lam (diag(W) - sum_i q_i (p o v_i/Z_i)(v_i/Z_i)^T)", J - form),
           _matrix_zero("1^T DT(p) = 0: DT maps into the tangent space", sympy.ones(1, n) * form)]
    u = [[sympy.sqrt(p[x]) * v[i][x] / Zp[i] for x in range(n)] for i in range(m)]
    A = sympy.diag(*W) - sum((q[i] * sympy.Matrix(u[i]) * sympy.Matrix([u[i]]) for i in range(m)), sympy.zeros(n, n))
    similar = sympy.diag(*[1 / sympy.sqrt(p[x]) for x in range(n)]) * form * sympy.diag(*[sympy.sqrt(p[x]) for x in range(n)])
    out.append(_matrix_zero("diag(p)^(-1/2) DT diag(p)^(1/2) = lam A, A = diag(W) - sum_i q_i u_i u_i^T, "
                            "u_i = sqrt(p) o v_i/Z_i (symmetric: real spectrum)", similar - lam * A))
    yv = sympy.Matrix(y)
    sos = sum(q[i] / (2 * Zp[i] ** 2) * sum(v[i][x] * v[i][z] * (sympy.sqrt(p[z]) * y[x] - sympy.sqrt(p[x]) * y[z]) ** 2
                                             for x in range(n) for z in range(n)) for i in range(m))
    out.append(Identity("y^T A y = sum_i q_i/(2 Z_i^2) sum_{x,z} v_i(x) v_i(z) (sqrt(p_z) y_x - sqrt(p_x) y_z)^2 "
                        "(Cauchy-Schwarz as a sum of squares): A >= 0",
                        sympy.expand((yv.T * A * yv)[0, 0] - sos)))
    down = sum((q[i] * sympy.Matrix(u[i]) * sympy.Matrix([u[i]]) for i in range(m)), sympy.zeros(n, n))
    out.append(Identity("y^T (diag(W) - A) y = sum_i q_i (u_i.y)^2 >= 0: A <= diag(W), so the spectrum lies in "
                        "[0, lam max W]", sympy.expand((yv.T * down * yv)[0, 0]
                                                       - sum(q[i] * sum(u[i][x] * y[x] for x in range(n)) ** 2
                                                             for i in range(m)))))
    return form, A, out


def _several_display(n, m, p_star, phi, jac, G, grad, hess, T, DT, A, lam, W) -> tuple[dict, dict]:
    """The expressions of :func:`derive_mixing_several_rewards` and their LaTeX labels."""
    exprs = {f"p*(x_{x + 1})": p_star[x] for x in range(n)}
    exprs.update({f"Phi_{i + 1}(Z)": phi[i] for i in range(m)})
    exprs.update({"dPhi/dZ": sympy.ImmutableMatrix(jac), "G(p)": G, "grad G": sympy.ImmutableMatrix(grad),
                  "Hess G": sympy.ImmutableMatrix(hess), "T(p)": sympy.ImmutableMatrix(T),
                  "DT(p)": sympy.ImmutableMatrix(DT), "A": sympy.ImmutableMatrix(A),
                  "local rate bound": lam * sympy.Max(*W)})
    labels = {f"p*(x_{x + 1})": rf"p^*(x_{{{x + 1}}})" for x in range(n)}
    labels.update({f"Phi_{i + 1}(Z)": rf"\Phi_{{{i + 1}}}(Z)" for i in range(m)})
    labels.update({"dPhi/dZ": r"\partial\Phi/\partial Z", "grad G": r"\nabla G", "Hess G": r"\nabla^2 G",
                   "local rate bound": r"\lambda \max_S W^*"})
    return exprs, labels


@lru_cache(maxsize=4)
def derive_mixing_several_rewards(n: int = 3, m: int = 2) -> Derivation:
    r"""Derive uniqueness, stability and convergence of reference mixing with m >= 2 rewards.

    Definitions: atoms x = 1..n of S = supp p_ref (``rho_x`` > 0), rewards ``v_ix`` = e^{r_i(x)} > 0,
    weights ``q_i`` on the simplex, λ in (0, 1), Z_i(p) = Σ_x p_x v_ix, W(p)(x) = Σ_i q_i v_ix/Z_i(p),
    T(p) = (1 - λ) p_ref + λ p W(p), and the potential

        G(p) = λ Σ_i q_i log Z_i(p) + (1 - λ) Σ_x ρ_x log p_x.

    Parameters
    ----------
    n, m : int, optional
        Atoms (2..4) and rewards (2..3) of the symbolic model.

    Returns
    -------
    Derivation
        Certificate (sympy): the fixed-point formula p*(x) = (1 - λ) ρ_x/(1 - λ W(x)) solves T(p*) = p*
        once E_{p*}[v_i] = Z_i, and the m equations imply Σ p* = 1; the Jacobian of the m equations
        (used by the Krawczyk test); ∇G = λ W + (1 - λ) ρ/p and p (∇G - 1) = T(p) - p, so the fixed
        points on S are the stationary points of G (multiplier 1, since Σ p ∇G = 1); the Hessian of G
        is minus a positive sum of squares: G is strictly concave, hence has at most one stationary
        point: the fixed point is unique; G(p') - G(p) - Σ T(p) log(p'/p) = λ Σ q_i (log E_{π_i}[p'/p] -
        E_{π_i}[log p'/p]) >= 0 (Jensen), so at p' = T(p): G(T p) - G(p) >= KL(T p || p); DT(p) =
        λ (diag(W) - Σ q_i (p ∘ v_i/Z_i)(v_i/Z_i)ᵀ), similar to λ A with 0 <= A <= diag(W) (sums of
        squares), so the tangent spectrum lies in [0, λ max_S W(p)], and at p* λ W* = 1 - (1 - λ) ρ/p* < 1.

        Cited: Jensen (log concave) and Gibbs (KL >= 0, = 0 only at T p = p); a continuous strictly
        concave G on the compact convex K = {p in Δ(S): p >= (1 - λ) p_ref}, which holds every p_t for
        t >= 1, has one maximiser, interior, stationary, so a fixed point; an ascent G(p_t+1) - G(p_t) >=
        KL(p_t+1 || p_t) bounded above makes KL(T p_t || p_t) -> 0, every limit point a fixed point,
        hence p_t -> p*; strong concavity (Hess G <= -(1 - λ) min ρ on the simplex, p <= 1) gives
        ||p - p*||² <= 2 (G(p*) - G(p))/((1 - λ) min_S ρ); Krawczyk's theorem for the enclosure.

    Examples
    --------
    >>> d = derive_mixing_several_rewards()
    >>> d.certify().verdict
    Verdict.HOLDS
    """
    if isinstance(n, bool) or not isinstance(n, int) or not 2 <= n <= 4:
        raise InvalidArgument(f"n={n!r} must be a whole number from 2 to 4 (sympy sizes); pass e.g. n=3")
    if isinstance(m, bool) or not isinstance(m, int) or not 2 <= m <= 3:
        raise InvalidArgument(f"m={m!r} must be a whole number from 2 to 3 (sympy sizes); pass e.g. m=2")
    lam, rho, q, v, Z, p, pp, y = _several_symbols(n, m)
    W, p_star, phi, jac, ids = _several_fixed_point(n, m, lam, rho, q, v, Z)
    G, grad, hess, T, ids_pot = _several_potential(n, m, lam, rho, q, v, p, pp, y)
    DT, A, ids_jac = _several_jacobian(n, m, lam, q, v, p, y, T)
    exprs, labels = _several_display(n, m, p_star, phi, jac, G, grad, hess, T, DT, A, lam, W)
    symbols = {s.name: s for s in (lam, *rho, *q, *Z, *p, *pp, *y)}
    symbols.update({s.name: s for row in v for s in row})
    return Derivation(
        name="mixing-several-rewards",
        title=f"Reference mixing with m={m} rewards (n={n}): unique fixed point, potential, stability",
        source=_SOURCE_SEVERAL,
        expressions=exprs,
        symbols=symbols,
        identities=(*ids, *ids_pot, *ids_jac),
        cited=(
            "Jensen: log E_pi[r] >= E_pi[log r] for a distribution pi and r > 0",
            "Gibbs: KL(P || Q) >= 0 with equality only at P = Q",
            "a strictly concave continuous function on a compact convex set has exactly one maximiser; "
            "at an interior point stationarity (with the simplex multiplier) is equivalent to maximality",
            "an ascent G(p_t+1) - G(p_t) >= KL(p_t+1 || p_t) with G bounded above on the compact set K "
            "forces every limit point to be a fixed point, so the unique fixed point is the limit",
            "strong concavity: Hess G <= -(1 - lam) min_S rho on the simplex (p <= 1) gives "
            "||p - p*||^2 <= 2 (G(p*) - G(p))/((1 - lam) min_S rho)",
            "Krawczyk: K(X) inside the interior of X proves exactly one zero of Phi in X",
        ),
        labels=labels,
        notes=("Premises: lam in (0, 1), rho_x > 0 on S = supp p_ref, supp p_0 within S (lam = 0 gives p* = "
               "p_ref at once). The fixed points are the stationary points of the strictly concave potential "
               "G, so there is exactly one, for every m; the mixed map is the MM (EM) iteration of G. m = 1 "
               "is the case mixing-fixed-point, where G reduces to lam log Z + (1 - lam) sum rho log p."),
    )
