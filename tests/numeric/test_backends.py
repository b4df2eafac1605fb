"""The same numbers with and without gmpy2 behind mpmath.

mpmath uses gmpy2 when it is installed (its mpf mantissas are then gmpy2 ``mpz``, not ``int``)
and plain Python ints otherwise, or when MPMATH_NOGMPY=1 is set.  These tests compare this
process (whatever backend it has) against a fresh process with MPMATH_NOGMPY=1; in an
environment with gmpy2 installed they compare the two backends, without it they still check
that the computation is deterministic across processes.
"""

import json
import os
import subprocess
import sys

import mpmath
import pytest

from pluralnash.numeric import Landscape, evaluate_curated_update, run_dynamics, solve_limit
from pluralnash.numeric.arith import blockfloat as _bf

SCRIPT = r"""
import json, sys, mpmath
from pluralnash.numeric import Landscape, evaluate_curated_update, run_dynamics, solve_limit

def show(values):
    return [mpmath.nstr(v, 40) for v in values]

def compute():
    R = Landscape(rewards=[["1", "0", "1/2"], ["0", "1", "1/2"]], weights=["1/3", "2/3"])
    W = Landscape(exp_rewards=[["3", "1", "2"], ["1", "5/2", "2"]], p0=["1/2", "1/4", "1/4"])
    big = Landscape(rewards=[[str(k % 7) for k in range(100)], [str((3 * k) % 11) for k in range(100)]])
    out = {
        "update_rewards": show(evaluate_curated_update(R, dps=40)),
        "update_exp": show(evaluate_curated_update(W, dps=40)),
        "update_big": show(evaluate_curated_update(big, dps=25)),
        "run": show(run_dynamics(R, 7, dps=35).p_T),
        "run_F": [mpmath.nstr(r.F, 30) for r in run_dynamics(W, 5, dps=30).records],
        "limit_Z": show(solve_limit(R, dps=30).Z),
        "limit_p": show(solve_limit(big, dps=20).p),
        "backend": mpmath.libmp.BACKEND,
    }
    return out

if __name__ == "__main__":
    json.dump(compute(), sys.stdout)
"""


def _compute(env_extra: dict[str, str]) -> dict:
    env = {**os.environ, **env_extra}
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_engines_give_identical_digits_with_and_without_gmpy2():
    here = _compute({})
    plain = _compute({"MPMATH_NOGMPY": "1"})
    assert plain.pop("backend") == "python"
    backend = here.pop("backend")
    assert backend == mpmath.libmp.BACKEND
    assert here == plain


def test_blockfloat_kernels_work_on_ints_whatever_the_backend():
    values = [mpmath.mpf(3) / 7, mpmath.mpf("1e-300"), mpmath.mpf(0), mpmath.mpf(2) ** 70]
    mans, exps = _bf.from_mpf(values)
    assert all(type(m) is int for m in mans)  # gmpy2's mpz converted on entry
    back = _bf.to_mpf(mans, exps, 53)
    assert back == values
    assert all(type(v._mpf_[1]) is type(values[0]._mpf_[1]) for v in back)  # the backend's own type on exit


def test_planted_wrong_backend_conversion_is_caught():
    # negative control: a kernel result off by one unit in the last place changes the mpf
    mans, exps = _bf.from_mpf([mpmath.mpf(3) / 7])
    assert _bf.to_mpf([mans[0] + (1 << 20)], exps, 53) != [mpmath.mpf(3) / 7]


@pytest.mark.skipif(mpmath.libmp.BACKEND != "gmpy", reason="needs gmpy2 behind mpmath")
def test_gmpy2_backend_is_really_in_use():
    assert type(mpmath.mpf(3)._mpf_[1]).__module__.startswith("gmpy2")
    L = Landscape(rewards=[["1", "0"]])
    assert evaluate_curated_update(L, dps=20)[0] > evaluate_curated_update(L, dps=20)[1]
    assert run_dynamics(L, 2, dps=20).p_T[0] > 0.5
    assert solve_limit(L).support == (0,)
