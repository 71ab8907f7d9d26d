#!/usr/bin/env python3
"""Measure that a wrong password and an unknown e-mail cost the same.

Usage: scripts/signin-timing.py [BASE_URL] [KNOWN_EMAIL] [ROUNDS]
Start a server with the throttle lifted first, e.g.:
  steward-server --database-url sqlite:///tmp/t.db seed-demo
  STEWARD_THROTTLE__PER_ACCOUNT=100000 STEWARD_THROTTLE__PER_ADDRESS=100000 \
    steward-server --database-url sqlite:///tmp/t.db serve --listen 127.0.0.1:18181
Prints median, p10 and p90 latency of failed sign-ins for both cases,
interleaved so machine noise hits both alike. A measurement, not a test.
"""
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:18181"
KNOWN = sys.argv[2] if len(sys.argv) > 2 else "priya.shah@northwind.example"
ROUNDS = int(sys.argv[3]) if len(sys.argv) > 3 else 40
PARAMS = {
    "response_type": "code",
    "client_id": "steward-console",
    "redirect_uri": "http://127.0.0.1:5555/callback",
    "state": "x",
    "code_challenge": "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    "code_challenge_method": "S256",
}


def failed_sign_in_ms(email: str) -> float:
    data = urllib.parse.urlencode({**PARAMS, "username": email, "password": "wrong-password-123"}).encode()
    start = time.perf_counter()
    try:
        urllib.request.urlopen(f"{BASE}/oauth/authorize", data=data)
        raise SystemExit("sign-in unexpectedly succeeded")
    except urllib.error.HTTPError as e:
        if e.code != 401:
            raise SystemExit(f"expected 401, got {e.code} (is the throttle lifted?)")
    return (time.perf_counter() - start) * 1000


def main() -> None:
    known, unknown = [], []
    for i in range(ROUNDS):
        known.append(failed_sign_in_ms(KNOWN))
        unknown.append(failed_sign_in_ms(f"nobody{i}@example.com"))
    for name, xs in (("wrong password", known), ("unknown e-mail", unknown)):
        xs.sort()
        p = lambda q: xs[min(len(xs) - 1, int(q * len(xs)))]  # noqa: E731
        print(f"{name:15} median {statistics.median(xs):6.1f} ms  p10 {p(0.1):6.1f}  p90 {p(0.9):6.1f}  (n={len(xs)})")


if __name__ == "__main__":
    main()
