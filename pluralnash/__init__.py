"""pluralnash: symbolic-numeric proof checking for retraining under pluralistic curation."""

__version__ = "0.1.0"
