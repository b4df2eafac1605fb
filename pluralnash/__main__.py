"""``python -m pluralnash``: the command line."""

from pluralnash.cli import main

raise SystemExit(main())
