r"""Atoms grouped by their reward vector.

Atoms x and y with r_i(x) = r_i(y) for every reward in play (q_i > 0) are interchangeable for the
large-K map ([FALA26] Eq. 5): W(x) = W(y) at every p, so p_t(x)/p_t(y) never changes and the dynamics
run on the groups.  Vectors are compared exactly, in the setup's own form (``exp_rewards`` when given,
else ``rewards``: e^r is one-to-one, so both give the same groups).
"""

from __future__ import annotations

from typing import Any, Sequence

__all__ = ["group_by_reward_vector", "reward_groups"]


def group_by_reward_vector(src: Sequence[Sequence[Any]], rewards: Sequence[int], atoms: Sequence[int],
                           labels: Sequence[Any] | None = None) -> dict[tuple, list]:
    """{(src[i][x] for i in ``rewards``): the atoms of ``atoms`` with that vector}, in first-seen order.

    With ``labels`` (one per atom), each group lists the labels of its atoms instead (positions, say).
    """
    groups: dict[tuple, list] = {}
    for x, label in zip(atoms, atoms if labels is None else labels):
        groups.setdefault(tuple(src[i][x] for i in rewards), []).append(label)
    return groups


def reward_groups(landscape, atoms: Sequence[int]) -> tuple[tuple[int, ...], dict[tuple, list[int]]]:
    """The rewards in play (q_i > 0) and the atoms of ``atoms`` grouped by their vector of those rewards."""
    rewards = tuple(i for i, qi in enumerate(landscape.weights) if qi > 0)
    src = landscape.exp_rewards if landscape.exp_rewards is not None else landscape.rewards
    return rewards, group_by_reward_vector(src, rewards, atoms)
