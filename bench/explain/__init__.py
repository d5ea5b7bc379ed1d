"""Why a page takes the time it takes: its time split into SQL, templates and Python
(split.py), and its Python profiled by where the code lives (profile.py)."""
