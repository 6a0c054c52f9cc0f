"""`python -m generator <command>`."""
import sys

from .cli import main

sys.exit(main())
