#!/usr/bin/env python3
"""Redis time of the vote script beside its floor, on a Redis of its own (load-tests/bench.sh script-cost).

Each run starts a redis-server on a free loopback port with the embedded Redis's settings (every write appended and
fsynced, never evicting), in a temporary folder, and stops it at the end. In it: a session of QUESTIONS live
questions, then, by EVALSHA of the script the server runs (lua/vote.lua with the parts LuaScripts.java gives it,
read from those files), pipelined 100 calls at a time on one connection:

  fresh    VOTES upvotes by new voters (20 each, distinct questions, half of them on the most popular 1 %)
  changed  CHANGES of those upvotes taken back (each a new ref), then as many cast again
  repeated a tenth as many calls repeating an earlier ref (answered from the ref, nothing changes)

and, for the floor, on other voters and questions so that they create what a vote creates:

  empty    EVALSHA of a script that does nothing ("return 0", declared as writing like the vote) with the vote's
           keys and arguments: what calling Lua costs Redis
  writes   the writes a fresh vote makes, sent as plain commands in one MULTI … EXEC (EXEC's time includes them)

Each phase's figure is INFO commandstats' usec per call of EVALSHA (or EXEC) over the phase, and, because a call
that loses the CPU on a loaded machine counts its wait, also the median of the phase's 100-call batches. With
--runs 3 (the default) the whole is done three times, each on a fresh Redis, and the medians of the runs are
printed last. Python standard library only.

With --fifo Redis runs under SCHED_FIFO (chrt -f 1): it still sleeps while it has nothing to do, but no other
process takes its CPU in the middle of a call, so on a busy machine the figures stay close to a quiet one's.

  python3 load-tests/script-cost.py [--fifo] [--runs 3] [--votes 20000] [--changes 10000] [--questions 10000] [--burst 60]
"""
import argparse
import importlib.util
import os
import re
import shutil
import socket
import statistics
import subprocess
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location('vote_script_time', os.path.join(HERE, 'vote-script-time.py'))
vst = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(vst)

VOTES_PER_VOTER = 20
SLICE = 500


def script_source(name):
    """A script as LuaScripts.java composes it: '#!lua' when it writes, its parts, then lua/<name>.lua."""
    java = open(vst.SCRIPTS, encoding='utf-8').read()
    parts = dict(re.findall(r'(\w+)\("(\w+)"\)', java.split('enum Part', 1)[1].split(';', 1)[0]))
    match = re.search(r'\w+\("%s", (true|false)((?:, Part\.\w+)*)\)' % name, java)
    source = '#!lua\n' if match.group(1) == 'true' else ''
    for part in re.findall(r'Part\.(\w+)', match.group(2)):
        source += open(os.path.join(vst.LUA, parts[part] + '.lua'), encoding='utf-8').read() + '\n'
    return source + open(os.path.join(vst.LUA, name + '.lua'), encoding='utf-8').read()
BATCH = 100
REF_TTL_MS = 7 * 24 * 3600 * 1000


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def start_redis(binary, fifo=False):
    folder = tempfile.mkdtemp(prefix='townhall-script-cost.')
    port = free_port()
    log = open(os.path.join(folder, 'redis.log'), 'w')
    process = subprocess.Popen((['chrt', '-f', '1'] if fifo else []) + [binary, '--port', str(port), '--bind', '127.0.0.1', '--dir', folder, '--save', '',
                                '--appendonly', 'yes', '--appendfsync', 'always', '--maxmemory-policy', 'noeviction',
                                '--daemonize', 'no'], stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 20
    while True:
        try:
            redis = vst.Redis(port, None)
            if redis.call('PING') == 'PONG':
                return process, folder, redis
        except OSError:
            pass
        if time.time() > deadline or process.poll() is not None:
            process.kill()
            raise RuntimeError('redis-server did not start (see %s/redis.log)' % folder)
        time.sleep(0.05)


def stop_redis(process, folder, redis):
    try:
        redis.send('SHUTDOWN', 'NOSAVE')
    except OSError:
        pass
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    shutil.rmtree(folder, ignore_errors=True)


class Session:
    """The keys and arguments of RedisDialogueStore.vote (keep the two alike)."""

    def __init__(self, base):
        self.base = base

    def vote_keys(self, pid, ref):
        b = self.base
        return [b + 'session', b + 'ref:%s:%s' % (pid, ref), b + 'banned', b + 'bucket:vote:' + pid]

    def vote_args(self, pid, qid, up, burst, per_minute):
        return [self.base, pid, qid, 1 if up else 0, REF_TTL_MS, burst, per_minute]

    def fresh_vote_writes(self, pid, ref, qid, now_ms, version, burst, per_minute):
        """The writes vote.lua makes for a fresh upvote, as plain commands."""
        b = self.base
        answer = ('{"ok":true,"questionId":"%s","votes":1,"voted":true,"version":%d,"changed":true}'
                  % (qid, version))
        full_after = -(-burst * 60000 // per_minute) if per_minute > 0 else 86400000
        writes = [['ZADD', b + 'vt:%s' % qid, 'NX', now_ms, pid],
                  ['HINCRBY', b + 'session', 'vv', 1],
                  ['HSET', b + 'q:%s' % qid, 'votes', 1, 'vv', version],
                  ['SET', b + 'ref:%s:%s' % (pid, ref), answer, 'PX', REF_TTL_MS]]
        if burst > 0:
            # the bucket as one number: the ms at which it is full again
            writes.insert(0, ['SET', b + 'bucket:vote:' + pid, '%d' % (now_ms + 60000 // max(1, per_minute)), 'PX',
                              full_after + 1000])
        return writes


def vote_question(i, questions):
    voter, k = divmod(i, VOTES_PER_VOTER)
    half = VOTES_PER_VOTER // 2
    popular = max(half, questions // 100)
    rest = questions - popular
    if k < half:
        return voter, (voter * 7 + k * (popular // half)) % popular + 1
    return voter, popular + (voter * 13 + (k - half) * (rest // half)) % rest + 1


def measure(redis, command, calls, answers=None):
    """Sends calls (each a list of commands) BATCH at a time. Answers (usec per call of COMMAND over them, median
    batch, lowest batch, calls, inside): inside, per command that ran within them (a script's redis.call, a
    MULTI's commands), how many per call and their usec per call of COMMAND."""
    name = command.lower()
    start_stats = redis.commandstats()
    before = start_stats.get(name, (0, 0))
    last = before
    batches = []
    for start in range(0, len(calls), BATCH):
        batch = calls[start:start + BATCH]
        for call in batch:
            for part in call:
                redis.send(*part)
        for call in batch:
            for _ in call:
                reply = redis.read()
                if answers is not None and isinstance(reply, str):
                    kind = re.search(r'"(err|ok)":"?(\w+)', reply)
                    if kind:
                        key = kind.group(1) + ':' + kind.group(2)
                        answers[key] = answers.get(key, 0) + 1
        stats = redis.commandstats()[name]
        if stats[0] > last[0]:
            batches.append((stats[1] - last[1]) / (stats[0] - last[0]))
        last = stats
    end_stats = redis.commandstats()
    calls_made = last[0] - before[0]
    inside = {}
    for other, (n, usec) in end_stats.items():
        n0, usec0 = start_stats.get(other, (0, 0))
        if other not in (name, 'info', 'multi') and n > n0:
            inside[other] = ((n - n0) / calls_made, (usec - usec0) / calls_made)
    batches.sort()
    return (last[1] - before[1]) / calls_made, batches[len(batches) // 2], batches[0], calls_made, inside


def one_run(args, run):
    process, folder, redis = start_redis(args.redis_server, args.fifo)
    try:
        base = 'scriptcost:{s%d}:' % run
        session = Session(base)
        redis.call('HSET', base + 'session', 'id', 's%d' % run, 'status', 'open', 'seq', 0, 'qn', args.questions,
                   'vv', 0)
        for q in range(1, args.questions + 1):
            redis.send('HSET', base + 'q:%d' % q, 'id', q, 'text', 'question %d' % q, 'aid', 'a', 'status', 'live',
                       'createdAt', 0, 'votes', 0, 'vv', 0)
        for _ in range(args.questions):
            redis.read()
        sha = redis.call('SCRIPT', 'LOAD', vst.vote_source())
        empty = redis.call('SCRIPT', 'LOAD', '#!lua\nreturn 0')
        answers = {}
        figures = {}

        def evalsha(script, pid, ref, qid, up):
            keys = session.vote_keys(pid, ref)
            return [['EVALSHA', script, len(keys)] + keys
                    + session.vote_args(pid, qid, up, args.burst, args.per_minute)]

        fresh = []
        cast = []
        for i in range(args.votes):
            voter, q = vote_question(i, args.questions)
            pid = 'p%06d' % voter
            fresh.append(evalsha(sha, pid, 'f%d' % i, q, True))
            cast.append((pid, 'f%d' % i, q))
        figures['fresh'] = measure(redis, 'EVALSHA', fresh, answers)
        changed = []
        step = max(1, args.votes // max(1, args.changes))
        picked = cast[::step][:args.changes]
        for n, (pid, _, q) in enumerate(picked):
            changed.append(evalsha(sha, pid, 'c%d' % n, q, False))
        for n, (pid, _, q) in enumerate(picked):
            changed.append(evalsha(sha, pid, 'd%d' % n, q, True))
        figures['changed'] = measure(redis, 'EVALSHA', changed, answers)
        repeated = [evalsha(sha, pid, ref, q, True) for pid, ref, q in cast[::10]]
        figures['repeated'] = measure(redis, 'EVALSHA', repeated, answers)
        # the floor, on voters of their own
        floor_votes = min(args.votes, 10000)
        nothing = []
        for i in range(floor_votes):
            voter, q = vote_question(i, args.questions)
            nothing.append(evalsha(empty, 'e%06d' % voter, 'e%d' % i, q, True))
        figures['empty'] = measure(redis, 'EVALSHA', nothing)
        now_ms = int(time.time() * 1000)
        version = int(redis.call('HGET', base + 'session', 'vv'))
        writes = []
        for i in range(floor_votes):
            voter, q = vote_question(i, args.questions)
            version += 1
            writes.append([['MULTI']] + session.fresh_vote_writes('w%06d' % voter, 'w%d' % i, q, now_ms, version,
                                                                  args.burst, args.per_minute) + [['EXEC']])
        figures['writes'] = measure(redis, 'EXEC', writes)
        return figures, answers
    finally:
        stop_redis(process, folder, redis)


def view_run(args, run):
    """A node's read of a whole session for its view: view.lua, then view_slice.lua range after range (SLICE
    questions each), on QUESTIONS questions as ask.lua leaves them (with a follow-up code), each upvoted a few times."""
    process, folder, redis = start_redis(args.redis_server, args.fifo)
    try:
        base = 'scriptcost:{v%d}:' % run
        redis.call('HSET', base + 'session', 'id', 'v%d' % run, 'code', '123456', 'title', 'Bench', 'status', 'open',
                   'moderation', 'post', 'anonymous', 'true', 'locale', 'vi', 'maxLength', 500, 'createdAt', 0,
                   'epoch', 'e1', 'seq', args.view_questions, 'qn', args.view_questions, 'vv', 0)
        for q in range(1, args.view_questions + 1):
            redis.send('HSET', base + 'q:%d' % q, 'id', q, 'text', 'Câu hỏi %d: khi nào phường sửa đường, trường '
                       'học và trạm y tế gần chợ?' % q, 'aid', 'p%06d' % (q * 7919 % 100000), 'status', 'live',
                       'createdAt', 1733550000000 + q, 'votes', q % 37, 'vv', q * 3, 'fc', 'BN-%05d' % q)
            redis.send('ZADD', base + 'questions', q, q)
        for _ in range(2 * args.view_questions):
            redis.read()
        view = redis.call('SCRIPT', 'LOAD', script_source('view'))
        view_slice = redis.call('SCRIPT', 'LOAD', script_source('view_slice'))
        keys = [base + 'session', base + 'questions', base + 'presence', base + 'events']
        calls = [[['EVALSHA', view, 4] + keys + [base, 100, SLICE]]]
        for after in range(SLICE, args.view_questions, SLICE):
            calls.append([['EVALSHA', view_slice, 3, base + 'session', base + 'questions', base + 'events', base,
                           after, SLICE, after + SLICE]])
        before = redis.commandstats().get('evalsha', (0, 0))
        size = 0
        for call in calls:
            redis.send(*call[0])
            size += len(redis.read())
        after = redis.commandstats()['evalsha']
        return (after[1] - before[1]) / args.view_questions, after[0] - before[0], size / args.view_questions
    finally:
        stop_redis(process, folder, redis)


LABELS = [('fresh', 'vote script, fresh upvotes'), ('changed', 'vote script, votes changed (taken back, cast again)'),
          ('repeated', 'vote script, a ref repeated'), ('empty', 'floor: EVALSHA of "return 0", the vote\'s arguments'),
          ('writes', 'floor: a fresh vote\'s writes in one MULTI (EXEC)')]


def main():
    options = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    options.add_argument('--runs', type=int, default=3)
    options.add_argument('--votes', type=int, default=20000)
    options.add_argument('--changes', type=int, default=10000)
    options.add_argument('--questions', type=int, default=10000)
    options.add_argument('--burst', type=int, default=60)
    options.add_argument('--per-minute', type=int, default=300)
    options.add_argument('--view-questions', type=int, default=0,
                         help='also time a node\'s read of a session of this many questions for its view (view.lua '
                              'and view_slice.lua, %d a call): usec per question' % SLICE)
    options.add_argument('--only-view', action='store_true', help='the view read only, no votes')
    options.add_argument('--fifo', action='store_true',
                         help='run Redis under SCHED_FIFO (chrt -f 1; needs the right to): on a loaded machine no '
                              'other process preempts it mid-call, so the figures are its own time')
    options.add_argument('--redis-server', default=shutil.which('redis-server') or 'redis-server')
    args = options.parse_args()
    print('vote.lua as LuaScripts.java composes it: %d bytes; %d questions, %d fresh votes, %d changed (x2), '
          'vote bucket %d / %d a minute; load average %s' % (len(vst.vote_source()), args.questions, args.votes,
                                                            args.changes, args.burst, args.per_minute,
                                                            ' '.join(open('/proc/loadavg').read().split()[:3])))
    if args.view_questions:
        views = []
        for run in range(args.runs):
            usec, calls, size = view_run(args, run)
            views.append(usec)
            print('view read of %d questions, run %d: %.2f usec of EVALSHA per question (%d calls, %.0f answer bytes per '
                  'question)' % (args.view_questions, run + 1, usec, calls, size))
        print('view read: median of %d runs %.2f usec per question, %.1f ms for the whole session'
              % (len(views), statistics.median(views), statistics.median(views) * args.view_questions / 1000))
        if args.only_view:
            return
    runs = []
    for run in range(args.runs):
        figures, answers = one_run(args, run)
        runs.append(figures)
        print('run %d (answers: %s)' % (run + 1, ', '.join('%s %d' % kv for kv in sorted(answers.items()))))
        for key, label in LABELS:
            mean, median, lowest, calls, inside = figures[key]
            print('  %-55s %7.2f usec per call (median batch %6.2f, lowest %6.2f; %d calls)'
                  % (label, mean, median, lowest, calls))
            if inside:
                print('      inside, usec per call: ' + ', '.join(
                    '%s %.2f%s' % (k.upper(), u, '' if abs(n - 1) < 0.01 else ' (%.2f calls)' % n)
                    for k, (n, u) in sorted(inside.items(), key=lambda kv: -kv[1][1]))
                      + '; the rest %.2f' % (mean - sum(u for n, u in inside.values())))
    print('median of %d runs (usec per call: mean over the phase / median batch)' % len(runs))
    for key, label in LABELS:
        print('  %-55s %7.2f / %6.2f' % (label, statistics.median(r[key][0] for r in runs),
                                        statistics.median(r[key][1] for r in runs)))
    floor = [r['empty'][0] + r['writes'][0] for r in runs]
    floor_batch = [r['empty'][1] + r['writes'][1] for r in runs]
    print('  %-55s %7.2f / %6.2f' % ('floor (empty script + the writes in one MULTI)', statistics.median(floor),
                                     statistics.median(floor_batch)))


if __name__ == '__main__':
    main()
