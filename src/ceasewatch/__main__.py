"""`python -m ceasewatch` runs the command line."""

from .cli import main

main()
