#!/usr/bin/env python3
"""Redis time of one vote: the vote script alone, single-threaded, against a Redis you started.

Loads lua/vote.lua with the parts LuaScripts.java gives it (read from that file, so it measures the script the
server runs), makes a session of QUESTIONS live questions under a prefix of its own (nothing else in that Redis is
touched), casts VOTES upvotes by EVALSHA the way SeedSession does (50 per resident, distinct questions, half on the
most popular 1 %), with the vote bucket of config/townhall.yaml (burst 60, 300 per minute) or --burst 0, and prints
INFO commandstats' EVALSHA usec_per_call over those calls (and the commands the script ran inside them). It also
reads INFO commandstats after every batch of 100 calls and prints the median and the lowest of the batches' means:
on a loaded machine a call that loses the CPU counts its wait in the mean, and the median batch moves far less.
With --callgrind DIR it also counts the instructions Redis ran for the votes, which no load changes: start Redis
under valgrind instead (slower by ~100x: give it fewer votes), and the script zeroes and dumps its counts around the
votes (callgrind_control) and reads the total from the dump in DIR:

  valgrind --tool=callgrind --callgrind-out-file=/tmp/cg/callgrind.out.%p redis-server --port 18698 ... &
  python3 load-tests/vote-script-time.py --port 18698 --votes 2000 --callgrind /tmp/cg

  redis-server --port 18699 --bind 127.0.0.1 --save '' --appendonly yes --appendfsync always \\
      --dir "$(mktemp -d)" --daemonize no &
  python3 load-tests/vote-script-time.py --port 18699 [--votes 20000] [--questions 1000] [--burst 60]
  redis-cli -p 18699 shutdown nosave

Python standard library only (a few lines of RESP); pipelined 100 calls at a time on one connection.
"""
import argparse
import glob
import os
import re
import socket
import subprocess
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LUA = os.path.join(ROOT, 'server', 'src', 'main', 'resources', 'lua')
SCRIPTS = os.path.join(ROOT, 'server', 'src', 'main', 'java', 'townhall', 'store', 'redis', 'LuaScripts.java')
VOTES_PER_VOTER = 50


def vote_source():
    java = open(SCRIPTS, encoding='utf-8').read()
    parts = dict(re.findall(r'(\w+)\("(\w+)"\)', java.split('enum Part', 1)[1].split(';', 1)[0]))
    match = re.search(r'VOTE\("vote", (true|false)((?:, Part\.\w+)*)\)', java)
    source = '#!lua\n' if match.group(1) == 'true' else ''
    for part in re.findall(r'Part\.(\w+)', match.group(2)):
        source += open(os.path.join(LUA, parts[part] + '.lua'), encoding='utf-8').read() + '\n'
    return source + open(os.path.join(LUA, 'vote.lua'), encoding='utf-8').read()


class Redis:
    def __init__(self, port, password):
        self.sock = socket.create_connection(('127.0.0.1', port))
        self.file = self.sock.makefile('rb')
        if password:
            self.call('AUTH', password)

    def send(self, *args):
        out = [b'*%d\r\n' % len(args)]
        for arg in args:
            data = arg if isinstance(arg, bytes) else str(arg).encode()
            out.append(b'$%d\r\n%s\r\n' % (len(data), data))
        self.sock.sendall(b''.join(out))

    def read(self):
        line = self.file.readline()
        kind, rest = line[:1], line[1:-2]
        if kind in (b'+', b':'):
            return rest.decode()
        if kind == b'-':
            raise RuntimeError(rest.decode())
        if kind == b'$':
            n = int(rest)
            return None if n < 0 else self.file.read(n + 2)[:-2].decode()
        if kind == b'*':
            return [self.read() for _ in range(int(rest))]
        raise RuntimeError('unexpected reply %r' % line)

    def call(self, *args):
        self.send(*args)
        return self.read()

    def commandstats(self):
        stats = {}
        for line in self.call('INFO', 'commandstats').splitlines():
            m = re.match(r'cmdstat_(\w+(?:\|\w+)?):calls=(\d+),usec=(\d+)', line)
            if m:
                stats[m.group(1)] = (int(m.group(2)), int(m.group(3)))
        return stats


def used_memory(redis):
    return int(re.search(r'used_memory:(\d+)', redis.call('INFO', 'memory')).group(1))


def main():
    options = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    options.add_argument('--port', type=int, required=True)
    options.add_argument('--password', default=os.environ.get('REDIS_PASSWORD'))
    options.add_argument('--votes', type=int, default=20000)
    options.add_argument('--questions', type=int, default=1000)
    options.add_argument('--burst', type=int, default=60)
    options.add_argument('--per-minute', type=int, default=300)
    options.add_argument('--callgrind', metavar='DIR', help='Redis runs under callgrind, writing its dumps in DIR')
    args = options.parse_args()
    redis = Redis(args.port, args.password)
    sid = uuid.uuid4().hex
    base = 'votetime:{%s}:' % sid
    redis.call('HSET', base + 'session', 'id', sid, 'status', 'open', 'seq', 0, 'qn', args.questions, 'vv', 0)
    for q in range(1, args.questions + 1):
        redis.send('HSET', base + 'q:%d' % q, 'id', q, 'text', 'question %d' % q, 'aid', 'a', 'status', 'live',
                   'createdAt', 0, 'votes', 0, 'vv', 0)
    for _ in range(args.questions):
        redis.read()
    sha = redis.call('SCRIPT', 'LOAD', vote_source())
    half = VOTES_PER_VOTER // 2
    popular = max(half, args.questions // 100)
    rest = args.questions - popular
    batches = []
    memory = used_memory(redis)
    before = redis.commandstats()
    last = before.get('evalsha', (0, 0))
    redis_pid = re.search(r'process_id:(\d+)', redis.call('INFO', 'server')).group(1)
    if args.callgrind:
        subprocess.run(['callgrind_control', '-z', redis_pid], check=True, capture_output=True)
    answers = {}
    for start in range(0, args.votes, 100):
        batch = range(start, min(args.votes, start + 100))
        for i in batch:
            voter, k = divmod(i, VOTES_PER_VOTER)
            q = ((voter * 7 + k * (popular // half)) % popular if k < half
                 else popular + (voter * 13 + (k - half) * (rest // half)) % rest)
            pid = 'p%06d' % voter
            redis.send('EVALSHA', sha, 4, base + 'session', base + 'ref:%s:v%d' % (pid, i), base + 'banned',
                       base + 'bucket:vote:' + pid, base, pid, q + 1, 1, 60000, args.burst, args.per_minute)
        for _ in batch:
            answer = redis.read()
            kind = re.search(r'"(err|ok)":"?(\w+)', answer)
            key = kind.group(1) + ':' + kind.group(2)
            answers[key] = answers.get(key, 0) + 1
        stats = redis.commandstats()['evalsha']
        batches.append((stats[1] - last[1]) / (stats[0] - last[0]))
        last = stats
    after = redis.commandstats()
    instructions = None
    if args.callgrind:
        dumps = os.path.join(args.callgrind, 'callgrind.out.%s.*' % redis_pid)
        known = set(glob.glob(dumps))
        subprocess.run(['callgrind_control', '-d', redis_pid], check=True, capture_output=True)
        for dump in set(glob.glob(dumps)) - known:
            with open(dump) as lines:
                instructions = next(int(line.split()[1]) for line in lines if line.startswith('summary:'))
    memory = used_memory(redis) - memory
    calls = after['evalsha'][0] - before.get('evalsha', (0, 0))[0]
    usec = after['evalsha'][1] - before.get('evalsha', (0, 0))[1]
    print('answers: %s' % ', '.join('%s %d' % kv for kv in sorted(answers.items())))
    print('EVALSHA (the vote script): %d calls, %.2f usec per call' % (calls, usec / calls))
    inside = []
    for name, (n, u) in sorted(after.items()):
        n0, u0 = before.get(name, (0, 0))
        if name not in ('evalsha', 'info') and n > n0:
            inside.append('%s %.2f/vote %.2f usec' % (name, (n - n0) / calls, (u - u0) / max(1, n - n0)))
    print('inside it: ' + '; '.join(inside))
    print('used_memory grew by %.0f bytes per vote (everything a vote leaves)' % (memory / args.votes))
    if instructions is not None:
        print('callgrind: %.0f instructions per vote (INFO commandstats calls included, a few per 100 votes)'
              % (instructions / args.votes))
    batches.sort()
    print('per batch of 100 calls (%d batches): median %.2f usec per call, lowest %.2f'
          % (len(batches), batches[len(batches) // 2], batches[0]))
    cursor = '0'
    while True:
        cursor, keys = redis.call('SCAN', cursor, 'MATCH', base + '*', 'COUNT', 1000)
        if keys:
            redis.call('UNLINK', *keys)
        if cursor == '0':
            break


if __name__ == '__main__':
    main()
