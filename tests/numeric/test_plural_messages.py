"""Counts in error messages and reports read as English: "1 atom", "2 atoms" (one helper, ``plural``)."""

import re
from fractions import Fraction as F

import pytest

from pluralnash.numeric import Landscape, evaluate_curated_update
from pluralnash.numeric.engines.finite_k import evaluate_finite_k_weights
from pluralnash.theory import InvalidArgument

ONE_ATOM = Landscape(exp_rewards=[[F(1)]], weights=[F(1)])


@pytest.mark.parametrize("make, says", [
    (lambda: Landscape(exp_rewards=[[F(1)]], weights=[F(1)], p0=[F(1, 2), F(1, 2)]), "2 entries but there is 1 atom"),
    (lambda: Landscape(exp_rewards=[[F(1)]], weights=[F(1, 2), F(1, 2)]), "2 entries but there is 1 reward"),
    (lambda: Landscape(exp_rewards=[[F(1), F(2)]], weights=[F(1)], p0=[F(1)]), "1 entry but there are 2 atoms"),
    (lambda: Landscape(exp_rewards=[[F(1)]], weights=[F(1)], atoms=["a", "b"]), "2 labels but there is 1 atom"),
    (lambda: evaluate_curated_update(ONE_ATOM, [F(1, 2), F(1, 2)]), "2 entries but the landscape has 1 atom;"),
    (lambda: evaluate_finite_k_weights([F(1)], [F(1), F(2)], 3), "p has 1 entry but w has 2"),
])
def test_counts_in_messages_agree_with_their_nouns(make, says):
    with pytest.raises(InvalidArgument) as err:
        make()
    text = str(err.value)
    assert says in text
    assert not re.search(r"\b1 (atoms|rewards|entries|labels)\b", text)
