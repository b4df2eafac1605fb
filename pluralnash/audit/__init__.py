"""The audit of the paper's reported tables: recompute each number with the exact engines and flag
the ones that disagree."""
