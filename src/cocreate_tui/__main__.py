"""Allow `python -m cocreate_tui`."""

import sys

from .cli import main

sys.exit(main())
