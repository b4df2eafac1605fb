"""Every bad-argument case of pluralnash.theory's derivation API, in one table."""

import pytest
import sympy

from pluralnash.theory import (
    Derivation,
    Identity,
    InvalidArgument,
    certify_finite_k_bound,
    certify_lemma_3_2_limit,
    certify_nash_maximiser,
    derive,
    derive_ascent_inequality,
    derive_fixed_point_conditions,
    derive_gradient_identity,
    derive_kkt_conditions,
    derive_large_k_map,
)

q, y = sympy.symbols("q y")
K = sympy.Symbol("K")

CASES = [
    (derive_large_k_map, (), {"n": 0}, r"n=0 must be >= 1"),
    (derive_large_k_map, (), {"n": 2.0}, r"n=2\.0 must be an int"),
    (derive_large_k_map, (), {"n": True}, r"n=True must be an int"),
    (derive_fixed_point_conditions, (), {"m": 0}, r"m=0 must be >= 1"),
    (derive_kkt_conditions, (), {"m": "2"}, r"m='2' must be an int"),
    (derive_gradient_identity, (), {"n": -1}, r"n=-1"),
    (derive_ascent_inequality, (), {"n": None}, r"n=None"),
    (derive, ("nash",), {}, r"name='nash' is not a known derivation; use one of"),
    (derive, (["kkt"],), {}, r"is not a known derivation"),
    (certify_nash_maximiser, (0.5,), {}, r"candidate=0\.5 is a float"),
    (certify_nash_maximiser, (q * y,), {}, r"also uses y"),
    (certify_nash_maximiser, ("q +",), {}, r"does not parse"),
    (certify_nash_maximiser, (sympy.Eq(q, 1),), {}, r"must be an expression in q"),
    (certify_finite_k_bound, (K,), {"side": "middle"}, r"side='middle' must be 'lower' or 'upper'"),
    (certify_finite_k_bound, ("K*w*z",), {"side": "upper"}, r"uses z; only K, w, mu, sigma2, w_min"),
    (certify_finite_k_bound, (0.25,), {"side": "upper"}, r"bound=0\.25 is a float"),
    (certify_lemma_3_2_limit, (K / sympy.Symbol("mu"),), {}, r"depends on K"),
    (Identity, ("ne", sympy.Ne(q, 1)), {}, r"'!=' relation"),
    (Identity, ("junk", object()), {}, r"must be a sympy expression, relation or Boolean"),
    (Derivation, ("d", "t", "s", {"x": 1.5}, {}), {}, r"expressions\['x'\]=1\.5 must be a sympy object"),
]


@pytest.mark.parametrize("function, args, kwargs, message", CASES,
                         ids=[f"{c[0].__name__}-{i}" for i, c in enumerate(CASES)])
def test_bad_arguments(function, args, kwargs, message):
    with pytest.raises(InvalidArgument, match=message):
        function(*args, **kwargs)


def test_invalid_argument_is_a_value_error():
    assert issubclass(InvalidArgument, ValueError)
