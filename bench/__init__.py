"""Peksos benchmark suite (not a Django app). Run with `make bench` (see README "Benchmarks")."""
