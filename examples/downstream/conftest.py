# The reflow.testing pytest plugin gives the fixtures (reflow_strategies, reflow_pages,
# reflow_degraded_pages …). Installed reflow registers it through its pytest11 entry
# point; this line loads it explicitly, for a checkout where the entry point is not
# installed yet. Remove it once `pip install 'reflow[testing]'` is done.
import importlib.metadata as _md

if not any(ep.value == "reflow.testing.plugin"
           for ep in _md.entry_points(group="pytest11")):
    pytest_plugins = ["reflow.testing.plugin"]
