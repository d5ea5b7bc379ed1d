"""The benchmark harness behind `make bench` (see docs/PERFORMANCE.md)."""
