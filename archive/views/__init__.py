"""The public archive. Each view builds one context; the template renders it
and `?format=json` serializes the same context (see archive/formats/payloads.py)."""
