"""Schemathesis hooks for Steward (issue 7).

A custom check: no answer to one role carries the data of another account
(the stranger's sign-in address stands for it). The Rust test passes the
canary through STEWARD_FUZZ_FOREIGN.
"""

import os

import schemathesis

FOREIGN = os.environ.get("STEWARD_FUZZ_FOREIGN", "")


@schemathesis.check
def no_foreign_account_data(ctx, response, case):
    if FOREIGN and FOREIGN in response.text:
        raise AssertionError(
            f"{case.method} {case.path} answered with another account's data ({FOREIGN})"
        )
