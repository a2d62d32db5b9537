"""Fixtures of the answering tests: terminal sessions that never outlive their test."""

from __future__ import annotations

import signal
from collections.abc import Iterator

import pexpect
import pytest


@pytest.fixture
def sessions() -> Iterator[list[pexpect.spawn]]:
    """`take` processes a test started: whatever happens, they are killed and closed after it."""
    started: list[pexpect.spawn] = []
    yield started
    for child in started:
        if child.isalive():
            child.kill(signal.SIGKILL)
        child.close(force=True)
