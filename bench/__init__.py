"""The benchmark harness behind `make bench` (see docs/PERFORMANCE.md), and the
Django app that gives it `manage.py synthesize`. It builds on the archive and the
corpus; neither knows it."""
