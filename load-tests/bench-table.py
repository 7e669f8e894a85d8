#!/usr/bin/env python3
"""Prints the markdown table of docs/performance.md from the result.json files that bench.sh wrote.

usage: load-tests/bench-table.py RESULT_DIR...   (each RESULT_DIR holds a result.json)
"""
import json
import os
import sys


def ms(micros):
    return f"{micros / 1000:.0f}"


def row(path):
    d = json.load(open(os.path.join(path, "result.json")))
    run, summary, samples = d["run"], d["summary"], d["data"]["samples"]
    res = summary["groups"]["residents"]
    lat, last = res["latency"]["voteVisible"], res["latency"]["voteVisibleLastClient"]
    votes = res["votes"]
    delivered = 100.0 * votes["visibleDeliveries"] / max(1, votes["expectedDeliveries"])
    conns = res["connections"]
    cpu = {k[:-len(".cpuPercent")]: v for k, v in samples.items() if k.endswith(".cpuPercent")}
    rss = {k[:-len(".rssBytes")]: v for k, v in samples.items() if k.endswith(".rssBytes")}
    window = lambda series: [v for t, v in series.items() if run["t0EpochMs"] / 1000 <= int(t) <= run["t0EpochMs"] / 1000 + run["durationSeconds"]]
    def mean_cpu(name):
        values = window(cpu.get(name, {}))
        return f"{sum(values) / len(values):.0f}" if values else "–"
    def max_rss(name):
        values = rss.get(name, {}).values()
        return f"{max(values) / 2**20:.0f}" if values else "–"
    servers = [n for n in cpu if n not in ("redis",) and not n.startswith("generator")]
    errors = sum(d["data"]["counts"].get("errors", {}).values()) if d["data"]["counts"].get("errors") else 0
    return "| {target} | {c} | {r:.0f} | {est}/{att} | {dlv:.2f} % | {p50} | {p99} | {mx} | {lp99} | {ack99} | {fps:.1f} | {cpu} | {rcpu} | {rss} | {err} |".format(
        target=run["target"] + ("" if len(run["scenario"]["urls"]) == 1 else f" ×{len(run['scenario']['urls'])}"),
        c=res["clients"], r=run["scenario"]["voteRate"], est=conns["established"], att=conns["attempted"],
        dlv=delivered, p50=ms(lat["p50"]), p99=ms(lat["p99"]), mx=ms(lat["max"]), lp99=ms(last["p99"]),
        ack99=ms(summary["latency"]["voteAck"]["p99"]), fps=res["frames"]["perSecondPerClient"],
        cpu=" + ".join(mean_cpu(s) for s in servers), rcpu=mean_cpu("redis"),
        rss=" + ".join(max_rss(s) for s in servers), err=errors)


print("| target | residents | votes/s | connected | delivered | p50 | p99 | max | last client p99 | vote→ack p99 | frames/s per client | server CPU % | Redis CPU % | server RSS MiB | errors |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for path in sys.argv[1:]:
    print(row(path))
