"""The engines: the large-K and finite-K dynamics, the limit solver, the continuous geometry and the
whole-domain interval prover."""
