#!/usr/bin/env python3
"""The floor the page's backoff sets under "restarted node healthy -> back": how long after its server is healthy
again each page's next attempt comes, with an infinitely fast server (no load, no network), for the web client's
backoff (socket.js: the first retry 0.5-1.5 s, then doubling, capped at 2.5 s) before and after the cap's draws
were spread evenly.

    load-tests/backoff-floor.py [--pages N] [--healthy-after S ...]

Pages lose their server at 0; it is healthy again at S. Prints p50/p95/p99 of the wait and the attempts each page
made while the server was down.
"""
import argparse
import random


def capped_at_the_cap(n, r):
    """Before: half of the capped draws at the cap itself (min(2.5 s, ceiling x (0.5 + r)))."""
    ceiling = min(2500, 1000 * 2 ** n)
    return min(2500, ceiling * (0.5 + r))


def even_at_the_cap(n, r):
    """Now: at the cap, evenly between 1.25 and 2.5 s."""
    grown = 1000 * 2 ** n
    return round(2500 * (0.5 + 0.5 * r)) if grown >= 2500 else min(2500, grown * (0.5 + r))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=50_000)
    parser.add_argument("--healthy-after", type=float, nargs="*", default=[8.4, 20.0])
    args = parser.parse_args()
    for name, delay in (("before", capped_at_the_cap), ("now", even_at_the_cap)):
        for healthy in args.healthy_after:
            at = healthy * 1000
            waits, attempts = [], 0
            for _ in range(args.pages):
                t, n = 0.0, 0
                while t < at:
                    t += delay(n, random.random())
                    n += 1
                waits.append(t - at)
                attempts += n
            waits.sort()
            pick = lambda q: waits[int(len(waits) * q)] / 1000
            print(f"{name:6} healthy {healthy:4.1f} s after the loss: next attempt p50 {pick(0.5):.2f} s,"
                  f" p95 {pick(0.95):.2f} s, p99 {pick(0.99):.2f} s; {attempts / args.pages:.1f} attempts per page"
                  f" while down")


if __name__ == "__main__":
    main()
