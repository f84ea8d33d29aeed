"""Benchmarks: scripts that print figures, not tests (pytest collects nothing
here: no file is named test_*.py)."""
