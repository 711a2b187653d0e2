"""``python -m pipeline`` runs the ``hoso`` command."""

from pipeline.cli.app import main

main()
