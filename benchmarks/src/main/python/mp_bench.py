"""CPython multiprocessing side of mproc's benchmarks.

Usage: python3 mp_bench.py start <method> <runs>
Prints one JSON object: {"method": ..., "to_running_ns": [...], "start_join_ns": [...]}.
time.monotonic_ns() reads CLOCK_MONOTONIC, the clock Java's System.nanoTime() reads on Linux, so the
parent's start time and the child's first timestamp are comparable across processes.
"""
import json
import multiprocessing as mp
import sys
import time


def report_running(conn):
    conn.send(time.monotonic_ns())
    conn.close()


def empty():
    pass


def start_latency(method, runs):
    ctx = mp.get_context(method)
    to_running, start_join = [], []
    for _ in range(runs):
        r, w = ctx.Pipe(duplex=False)
        t0 = time.monotonic_ns()
        p = ctx.Process(target=report_running, args=(w,))
        p.start()
        running = r.recv()
        p.join()
        to_running.append(running - t0)
        r.close()
        w.close()

        t0 = time.monotonic_ns()
        p = ctx.Process(target=empty)
        p.start()
        p.join()
        start_join.append(time.monotonic_ns() - t0)
    return {"method": method, "to_running_ns": to_running, "start_join_ns": start_join}


if __name__ == "__main__":
    kind, method, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if kind != "start":
        raise SystemExit("unknown benchmark " + kind)
    if method == "forkserver":
        # Warm the fork server once, as a long-running program would have it warm.
        ctx = mp.get_context("forkserver")
        p = ctx.Process(target=empty)
        p.start()
        p.join()
    print(json.dumps(start_latency(method, runs)))
