"""``python -m reflow.batch …``: the ``reflow batch`` command, run as a module.

Holds only the call; the command itself is ``cli.batch_cmd``.
"""
from reflow.batch.cli import batch_cmd

if __name__ == "__main__":
    batch_cmd(prog_name="reflow batch")
