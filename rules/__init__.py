"""Data folder shipped inside the hoso package as pipeline.resources.rules (see setup.py)."""
