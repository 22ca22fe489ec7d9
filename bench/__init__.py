"""Benchmarks for the leg-cramps site: `python -m bench` (or `make bench`).

Every figure is measured in one process run and written to `bench/results.json`; timings are the
median of several runs. See `python -m bench --help` and handbook/performance.md.
"""
