"""The paper's assumptions as predicates on a setup (each returns a certified verdict)."""
