"""Number kernels: exact-or-interval reals and decide-at-growing-precision (``real``, ``intervals``), erf
enclosures (``erf``), the block-float kernel (``blockfloat``), exact linear algebra (``linalg``), the
Fraction-to-number conversion (``rational``), precision checks (``precision``) and the one number
formatter (``format``); ``display`` renders landscapes and limits with it."""
