"""``python -m immex`` is the ``immex`` command."""

from immex.cli import main

main()
