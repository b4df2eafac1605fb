"""Number kernels: exact-or-interval reals, outward-rounded intervals, erf enclosures, the block-float
kernel, precision checks and the number formatter."""
