"""Data folder shipped inside the hoso package as pipeline.resources.templates_docx (see setup.py)."""
