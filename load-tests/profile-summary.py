#!/usr/bin/env python3
"""Where a target's CPU went: summarises async-profiler's collapsed stacks (bench.sh with PROFILE=async:...).

    load-tests/profile-summary.py OUT/profile-server.collapsed [OUT2/profile-floor.collapsed ...]
        [--frames N] [--match REGEX ...]

For each file: the share of CPU samples by thread kind; then, for the event-loop threads only, the share by what the
loop was doing (the first rule below whose pattern occurs in the stack wins), the hottest leaf frames, and the
share of samples whose stack contains each --match pattern. Shares are proportions of samples: compare them
between runs, not the sample counts (a busy machine gives a process fewer samples for the same work).
"""
import argparse
import collections
import re
import sys

THREADS = [
    ("event loops", r"^\[vert\.x-eventloop-thread"),
    ("JIT compiler", r"^\[C[12] CompilerThre"),
    ("GC", r"^\[(G1|GC |VM Thread)"),
    ("Redis client (lettuce)", r"^\[lettuce-"),
    ("other", r""),
]

# What an event loop was doing, first match wins. Socket writes are flushed from a read, a task or a timer; the
# flush rule comes first so its kernel time is counted once, wherever it was called from.
ACTIVITIES = [
    ("socket flush (writev syscalls, kernel TCP)", r"doWrite|flush0|forceFlush"),
    ("waiting for I/O (epoll)", r"SelectorImpl\.(lockAndDoSelect|select)|epoll_wait"),
    ("frame writes (Vert.x write path, WebSocket encoder, outbound queue)",
     r"WebSocketImplBase\.write|VertxConnection\.writeToChannel|WebSocket08FrameEncoder|WireFrames"),
    ("townhall: codec (JSON encode/decode)", r"townhall/protocol/"),
    ("townhall: delivery (hub, rooms, fan-out)", r"townhall/delivery/"),
    ("townhall: ws (sockets, heartbeats)", r"townhall/ws/"),
    ("floor: session and sockets", r"townhall/load/"),
    ("townhall: other", r"townhall/"),
    ("socket reads (kernel, WebSocket decoder)", r"NioByteUnsafe\.read|AbstractNioByteChannel"),
    ("Redis replies (lettuce to Vert.x)", r"lettuce|RedisCalls"),
    ("timers and other tasks", r""),
]


def load(path):
    stacks = collections.Counter()
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            stack, count = line.rsplit(" ", 1)
            stacks[stack] += int(count)
    return stacks


def share(part, whole):
    return 100.0 * part / whole if whole else 0.0


def summarise(path, frames, matches):
    stacks = load(path)
    total = sum(stacks.values())
    print(f"== {path}: {total} samples")
    by_thread = collections.Counter()
    loops = collections.Counter()
    for stack, count in stacks.items():
        thread = stack.split(";", 1)[0]
        kind = next(name for name, pattern in THREADS if re.search(pattern, thread))
        by_thread[kind] += count
        if kind == "event loops":
            loops[stack] += count
    for kind, _ in THREADS:
        print(f"  {share(by_thread[kind], total):5.1f} %  {kind}")
    loop_total = sum(loops.values())
    print(f"  -- event loops: {loop_total} samples; by activity")
    activity = collections.Counter()
    leaves = collections.Counter()
    matched = collections.Counter()
    for stack, count in loops.items():
        name = next(n for n, pattern in ACTIVITIES if re.search(pattern, stack))
        activity[name] += count
        leaves[stack.rsplit(";", 1)[-1]] += count
        for pattern in matches:
            if re.search(pattern, stack):
                matched[pattern] += count
    for name, _ in ACTIVITIES:
        if activity[name]:
            print(f"  {share(activity[name], loop_total):5.1f} %  {name}")
    print(f"  -- event loops: hottest leaf frames")
    for leaf, count in leaves.most_common(frames):
        print(f"  {share(count, loop_total):5.1f} %  {leaf}")
    if matches:
        print("  -- event loops: stacks containing")
        for pattern in matches:
            print(f"  {share(matched[pattern], loop_total):5.1f} %  {pattern}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+")
    parser.add_argument("--frames", type=int, default=20, help="how many leaf frames to list")
    parser.add_argument("--match", action="append", default=[], help="a regex; share of loop stacks with it")
    args = parser.parse_args()
    for path in args.files:
        summarise(path, args.frames, args.match)
    return 0


if __name__ == "__main__":
    sys.exit(main())
