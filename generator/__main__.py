"""`python -m generator <command>`: run by a warm build server when one runs (server.py), else in this process."""
import sys

from .server import served, start_after

status = served(sys.argv[1:])
if status is None:
    from .cli import main

    status = main()
    start_after(sys.argv[1:])  # typed at a terminal: the next command will not pay the imports again
sys.exit(status)
