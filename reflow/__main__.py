"""``python -m reflow``: the same command line as the ``reflow`` script."""
from .cli import main

if __name__ == "__main__":
    main()
