r"""Which dynamics a claim states, and which a setup is an instance of (``Claim.models``).

A finite setup runs one of four models: pure curation at large K ([FALA26] Eq. 5), pure curation
with K candidates ([FALA26] Lemma 3.1), or either mixed with reference data ([FERB24]:
p_{t+1} = (1 - λ) p_ref + λ · curated update).  A claim lists the models it speaks about;
``check_claim`` refuses a setup of another model in one line, instead of deciding the statement
on dynamics it is not about.
"""

from __future__ import annotations

from typing import Any

from pluralnash.theory import InvalidArgument

__all__ = ["MODELS", "setup_models", "check_setup_model"]

MODELS = {
    "large-k": "pure curation at large K ([FALA26] Eq. 5)",
    "finite-k": "pure curation with K candidates",
    "mixing": "large-K curation mixed with reference data",
    "mixing-finite-k": "curation with K candidates mixed with reference data",
}


def setup_models(setup: Any) -> frozenset[str]:
    """The models a setup is an instance of (reference data with lam = 1 is also pure curation)."""
    K, ref, lam = (getattr(setup, name, None) for name in ("K", "reference", "lam"))
    pure = "large-k" if K is None else "finite-k"
    if ref is None:
        return frozenset({pure})
    mixed = "mixing" if K is None else "mixing-finite-k"
    return frozenset({mixed, pure}) if lam == 1 else frozenset({mixed})


def check_setup_model(claim: Any, setup: Any) -> None:
    """Refuse, with a one-line InvalidArgument naming the fix, a finite setup whose model (large or
    finite K, with or without reference data) the claim does not state; other setups pass through
    (their kind is checked apart)."""
    from pluralnash.numeric import Landscape

    unknown = [m for m in claim.models if m not in MODELS]
    if unknown or not claim.models:
        raise InvalidArgument(f"claim {claim.id!r} has models={claim.models!r}; each must be one of {sorted(MODELS)}")
    if getattr(claim, "setup_kind", "finite") != "finite" or not isinstance(setup, Landscape):
        return
    have = setup_models(setup)
    if have & set(claim.models):
        return
    wants_k = any(m.endswith("finite-k") for m in claim.models)
    wants_mix = any(m.startswith("mixing") for m in claim.models)
    fixes = []
    if getattr(setup, "K", None) is not None and not wants_k:
        fixes.append(f"drop K={setup.K}")
    if getattr(setup, "K", None) is None and not any(m in ("large-k", "mixing") for m in claim.models):
        fixes.append('add "K": 3 (say)')
    if getattr(setup, "reference", None) is not None and not wants_mix:
        fixes.append("drop reference and lam")
    if getattr(setup, "reference", None) is None and wants_mix and not any(
            m in ("large-k", "finite-k") for m in claim.models):
        fixes.append("add reference and lam")
    states = " or ".join(MODELS[m] for m in claim.models)
    is_ = " / ".join(MODELS[m] for m in sorted(have))
    raise InvalidArgument(f"claim {claim.id!r} states {states}, but the setup is {is_}; "
                          f"{' and '.join(fixes) or 'pass a setup of the model the claim states'}")
