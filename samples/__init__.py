"""Data folder shipped inside the hoso package as pipeline.resources.samples (see setup.py)."""
