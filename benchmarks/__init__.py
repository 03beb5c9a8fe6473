"""Reproducible benchmark of the tracker at UN scale: `make bench` or `python -m benchmarks`.

See docs/benchmarks.md for the method and the results, and benchmarks/__main__.py for options.
"""
