"""Hypothesis profiles, chosen with HYPOTHESIS_PROFILE=dev|ci|thorough (default: dev, or ci under CI)."""

import os

import pytest

from hypothesis import HealthCheck, settings

settings.register_profile(
    "dev", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci",
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(autouse=True, scope="session")
def _certificate_cache(tmp_path_factory):
    """Symbolic certificates are cached on disk: the tests keep theirs in a temporary folder, never the user's."""
    previous = os.environ.get("PLURALNASH_CACHE_DIR")
    os.environ["PLURALNASH_CACHE_DIR"] = str(tmp_path_factory.mktemp("certificate-cache"))
    yield
    if previous is None:
        os.environ.pop("PLURALNASH_CACHE_DIR", None)
    else:
        os.environ["PLURALNASH_CACHE_DIR"] = previous
