"""Hypothesis profiles for reflow's properties: ``ci`` (fast, derandomized) and ``thorough``.

Hypothesis knows them as ``reflow-ci`` and ``reflow-thorough``: Hypothesis has
a ``ci`` profile of its own, which it loads by itself when a CI environment
variable is set, and a downstream project's run must keep it as it is.
``register_profiles()`` registers reflow's two and nothing else: loading one is
the caller's choice (``--reflow-profile ci``, ``HYPOTHESIS_PROFILE=reflow-thorough``,
or ``settings.load_profile("reflow-ci")``). ``suite_settings()`` is the settings
object reflow's own property tests use: the profile named by ``--reflow-profile``
or ``HYPOTHESIS_PROFILE`` when it is one of reflow's, ``ci`` otherwise, without
changing the global default for other tests.

>>> register_profiles()
>>> from hypothesis import settings
>>> settings.get_profile("reflow-ci").derandomize, settings.get_profile("reflow-ci").deadline
(True, None)
>>> settings.get_profile("reflow-thorough").max_examples
1000
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

#: profile name (as ``--reflow-profile`` takes it) -> settings keywords
PROFILES = {
    # every CI run sees the same examples; no deadline (a clean is not a benchmark);
    # the examples that found bugs are not stored (the tests name them)
    "ci": dict(max_examples=20, derandomize=True, deadline=None, database=None,
               print_blob=True, suppress_health_check=[HealthCheck.too_slow,
                                                       HealthCheck.data_too_large]),
    # nightly: many random examples, failures kept in the local example database
    "thorough": dict(max_examples=1000, deadline=None, print_blob=True,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]),
}

#: the prefix of reflow's profiles among Hypothesis's
PREFIX = "reflow-"


def hypothesis_name(name: str) -> str:
    """The name Hypothesis knows a reflow profile by: ``ci`` -> ``reflow-ci``."""
    return PREFIX + name


def register_profiles() -> None:
    """Register ``reflow-ci`` and ``reflow-thorough`` with Hypothesis (loads neither)."""
    for name, kwargs in PROFILES.items():
        settings.register_profile(hypothesis_name(name), **kwargs)


#: the profile the pytest plugin loaded for ``--reflow-profile`` (None: not asked)
chosen: str | None = None


def current_profile() -> str | None:
    """The reflow profile asked for by ``--reflow-profile`` or ``HYPOTHESIS_PROFILE``, if any.

    ``HYPOTHESIS_PROFILE`` counts only when it names one of reflow's profiles
    (``reflow-thorough``); any other name is Hypothesis's business.
    """
    if chosen:
        return chosen
    env = os.environ.get("HYPOTHESIS_PROFILE", "")
    if env.startswith(PREFIX) and env[len(PREFIX):] in PROFILES:
        return env[len(PREFIX):]
    return None


def load(name: str) -> None:
    """Register the profiles and load ``name`` globally (what ``--reflow-profile`` does)."""
    global chosen
    register_profiles()
    settings.load_profile(hypothesis_name(name))
    chosen = name


def suite_settings(**overrides) -> settings:
    """Settings for one property test: the asked-for profile, else ``ci``, with overrides.

    >>> suite_settings(max_examples=3).max_examples in (3,)
    True
    """
    register_profiles()
    name = current_profile() or "ci"
    return settings(settings.get_profile(hypothesis_name(name)), **overrides)


__all__ = ["PROFILES", "register_profiles", "suite_settings", "current_profile", "load",
           "hypothesis_name"]
