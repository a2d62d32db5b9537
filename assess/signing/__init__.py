"""Signing reports and verifying them (pyHanko, imported only by these commands)."""

import logging

# pyHanko logs each failed check with a traceback; `verify` reports them as lines of its own, so
# the library's log records are dropped rather than printed on stderr by logging's last resort.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False
