"""``python -m spiders.probe URL ...``: the ``add-source`` command on its own."""

import sys

from spiders.probe.cli import add_source_main

sys.exit(add_source_main(sys.argv[1:]))
