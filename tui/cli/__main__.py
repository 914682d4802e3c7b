"""`python -m tui.cli`: the same command line as the `icdrill` script, without installing it."""

import sys

from tui.cli import main

if __name__ == "__main__":
    sys.exit(main())
