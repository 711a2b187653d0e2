"""``python -m pipeline`` runs the ``hoso`` command."""

from .cli import main

main()
