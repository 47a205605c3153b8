"""CPython multiprocessing side of mproc's benchmarks.

Usage: python3 mp_bench.py start <method> <runs>
       python3 mp_bench.py pipe|queue|simplequeue|manager <n> <parent_cpu> <child_cpu>   (cpu -1: not pinned)
Prints one JSON object per run.
time.monotonic_ns() reads CLOCK_MONOTONIC, the clock Java's System.nanoTime() reads on Linux, so the
parent's start time and the child's first timestamp are comparable across processes.
"""
import json
import multiprocessing as mp
import os
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


def pin(cpu):
    if cpu is not None and cpu >= 0 and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {cpu})


def echo(conn, cpu):
    pin(cpu)
    while True:
        x = conn.recv()
        if x is None:
            break
        conn.send(x)


def pipe_round_trip(n, child_cpu):
    """Median and p99 of n round trips of a small object through a duplex Pipe to an echoing child."""
    ctx = mp.get_context("spawn")
    a, b = ctx.Pipe()
    p = ctx.Process(target=echo, args=(b, child_cpu))
    p.start()
    for _ in range(min(2000, n)):  # warm-up
        a.send(1)
        a.recv()
    samples = []
    for i in range(n):
        t0 = time.perf_counter_ns()
        a.send(i)
        a.recv()
        samples.append(time.perf_counter_ns() - t0)
    a.send(None)
    p.join()
    return {"rt_ns": samples}


def produce(q, n, cpu):
    pin(cpu)
    for i in range(n):
        q.put(i)
    q.put(None)


def queue_throughput(n, child_cpu, simple):
    ctx = mp.get_context("spawn")
    q = ctx.SimpleQueue() if simple else ctx.Queue()
    p = ctx.Process(target=produce, args=(q, n, child_cpu))
    p.start()
    first = q.get()
    t0 = time.perf_counter_ns()
    count = 1
    while q.get() is not None:
        count += 1
    elapsed = time.perf_counter_ns() - t0
    p.join()
    return {"items": count, "elapsed_ns": elapsed}


def map_setter(d, n, cpu, out):
    pin(cpu)
    t0 = time.perf_counter_ns()
    for i in range(n):
        d[i % 64] = i
    out.put(time.perf_counter_ns() - t0)


def manager_map(n, child_cpu):
    ctx = mp.get_context("spawn")
    with ctx.Manager() as m:
        d = m.dict()
        out = ctx.Queue()
        p = ctx.Process(target=map_setter, args=(d, n, child_cpu, out))
        p.start()
        elapsed = out.get()
        p.join()
    return {"ops": n, "elapsed_ns": elapsed}


def square(x):
    return x * x


def trivial():
    return 1


def pool_bench(workload, n, workers):
    ctx = mp.get_context("spawn")
    if workload == "pool-create":
        t0 = time.perf_counter_ns()
        with ctx.Pool(workers) as p:
            p.apply(trivial)
        return {"items": 1, "elapsed_ns": time.perf_counter_ns() - t0}
    with ctx.Pool(workers) as p:
        p.map(square, range(1000))  # warm the workers
        t0 = time.perf_counter_ns()
        if workload == "map":
            p.map(square, range(n))
        elif workload == "map-chunk1":
            p.map(square, range(n), chunksize=1)
        elif workload == "apply-async":
            results = [p.apply_async(trivial) for _ in range(n)]
            for r in results:
                r.get()
        elif workload == "imap-unordered":
            for _ in p.imap_unordered(square, range(n), chunksize=64):
                pass
        elapsed = time.perf_counter_ns() - t0
    return {"items": n, "elapsed_ns": elapsed}


if __name__ == "__main__":
    kind = sys.argv[1]
    if kind.startswith("pool-") or kind in ("map", "map-chunk1", "apply-async", "imap-unordered"):
        n, workers = int(sys.argv[2]), int(sys.argv[3])
        print(json.dumps(pool_bench(kind, n, workers)))
        sys.exit(0)
    if kind in ("pipe", "queue", "simplequeue", "manager"):
        n, parent_cpu, child_cpu = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
        pin(parent_cpu)
        if kind == "pipe":
            print(json.dumps(pipe_round_trip(n, child_cpu)))
        elif kind == "manager":
            print(json.dumps(manager_map(n, child_cpu)))
        else:
            print(json.dumps(queue_throughput(n, child_cpu, kind == "simplequeue")))
        sys.exit(0)
    method, runs = sys.argv[2], int(sys.argv[3])
    if kind != "start":
        raise SystemExit("unknown benchmark " + kind)
    if method == "forkserver":
        # Warm the fork server once, as a long-running program would have it warm.
        ctx = mp.get_context("forkserver")
        p = ctx.Process(target=empty)
        p.start()
        p.join()
    print(json.dumps(start_latency(method, runs)))
