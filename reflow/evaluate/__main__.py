"""``python -m reflow.evaluate …``: the ``reflow eval`` command under the module's name.

Holds only the call; the command itself is ``cli.eval_cmd``.
"""
from reflow.evaluate.cli import eval_cmd

if __name__ == "__main__":
    eval_cmd(prog_name="python -m reflow.evaluate")
