"""The sweeps on a local Dask cluster (the ``dask`` extra): the same results as a serial run.

Skipped when ``distributed`` is not installed.  Two worker processes with one thread each: the
toolkit's tasks need a process of their own (mpmath's working precision is per process), and a
cluster that would run them in threads is refused, which the last test checks.
"""

import json

import pytest

distributed = pytest.importorskip("distributed")

from pluralnash.report import figures as _figures  # noqa: E402
from pluralnash import run_claims
from pluralnash.numeric.model.fileio import json_default as _json_default  # noqa: E402
from pluralnash.theory import InvalidArgument  # noqa: E402


def same(a, b):
    dump = lambda x: json.dumps(x, default=_json_default, sort_keys=True)  # noqa: E731
    return dump(a) == dump(b)


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
                                  silence_logs=40) as cluster, distributed.Client(cluster) as c:
        yield c


def test_claims_on_a_dask_cluster_match_the_serial_run(client):
    claims = ["lemma-3.1", "theorem-3.7~alpha-q-squared"]
    spread = run_claims(claims, profile="quick", seed=1, executor=client.get_executor())
    serial = run_claims(claims, profile="quick", seed=1)
    assert same([r.to_json() for r in spread], [r.to_json() for r in serial])
    assert [r.verdict.value for r in serial] == ["PROVED", "FALSIFIED"]
    # the claims ran on the cluster's workers: each imported the registry
    imported = client.run(lambda: "pluralnash._registry" in __import__("sys").modules)
    assert len(imported) == 2 and all(imported.values())


def test_phase_diagram_and_finite_k_on_a_dask_cluster_match_the_serial_run(client):
    ex = client.get_executor()
    phase = _figures.phase_data(5, 3, executor=ex)
    serial = _figures.phase_data(5, 3)
    assert same(phase, serial) and serial["agree"] == serial["cells"] == 15
    assert same(_figures.finite_k_data((8, 32), executor=ex), _figures.finite_k_data((8, 32)))


@pytest.mark.filterwarnings("ignore:Port .* is already in use")  # the in-process worker's HTTP server
def test_a_cluster_that_runs_tasks_in_threads_is_refused():
    with distributed.LocalCluster(n_workers=1, processes=False, threads_per_worker=2, dashboard_address=None,
                                  silence_logs=40) as cluster, distributed.Client(cluster) as c:
        with pytest.raises(InvalidArgument, match="share mpmath's working precision") as info:
            _figures.phase_data(3, 2, executor=c.get_executor())
    assert "\n" not in str(info.value) and "--nthreads 1" in str(info.value)
