"""Unit tests build tiny sites in-process: keep each test's plugins to itself.

Pelican connects a plugin's receivers to its signals and never disconnects
them, so without this a plugin registered by one test would run in every
later build of the session.
"""

import weakref

from blinker import NamedSignal
from pelican import signals
import pytest


def _pelican_signals():
    return [value for value in vars(signals).values() if isinstance(value, NamedSignal)]


@pytest.fixture(autouse=True)
def isolated_plugins():
    """Disconnect every receiver a test connected, once the test is over."""
    before = {signal: set(signal.receivers) for signal in _pelican_signals()}
    yield
    for signal, known in before.items():
        for key in set(signal.receivers) - known:
            receiver = signal.receivers.get(key)
            if isinstance(receiver, weakref.ref):
                receiver = receiver()
            if receiver is not None:
                signal.disconnect(receiver)
