"""CPython multiprocessing side of mproc's benchmarks.

Usage: python3 mp_bench.py start <method> <runs>
       python3 mp_bench.py pipe|queue|simplequeue|manager <n> <parent_cpu> <child_cpu>   (cpu -1: not pinned)
       python3 mp_bench.py suite <parent_cpu> <child_cpu> <workload>=<size>...   (scripts/bench.sh all)
Prints one JSON object per run (suite: one line per workload, with the CPU probe fields).
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


def warm_up(n):
    """Iterations of the same loop, in the same processes, before the measured ones (as on the mproc side)."""
    return max(1, n // 4)


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
    for _ in range(warm_up(n)):
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
        run_pool(p, workload, max(1, n // 5))  # the same warm-up as the mproc side's
        t0 = time.perf_counter_ns()
        run_pool(p, workload, n)
        elapsed = time.perf_counter_ns() - t0
    return {"items": n, "elapsed_ns": elapsed}


def run_pool(p, workload, n):
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


# ---- scripts/bench.sh all: the workloads of the Java side's Catalog, same names, sizes and metrics -------------

MIB = 1 << 20
TICKS_PER_S = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def busy_ticks():
    """The machine's busy ticks: user, nice, system, irq, softirq, steal (as CpuProbe.java)."""
    try:
        with open("/proc/stat") as f:
            fields = f.readline().split()
        return sum(int(fields[i]) for i in (1, 2, 3, 6, 7, 8) if i < len(fields))
    except (OSError, ValueError):
        return 0


def process_ticks(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            stat = f.read()
        fields = stat[stat.rindex(")") + 2:].split()
        return int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])
    except (OSError, ValueError, IndexError):
        return 0


def own_ticks():
    """This process and every live descendant, with the children each has reaped."""
    parents = {}
    try:
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open("/proc/%s/stat" % entry) as f:
                        stat = f.read()
                    parents[int(entry)] = int(stat[stat.rindex(")") + 2:].split()[1])
                except (OSError, ValueError, IndexError):
                    pass
    except OSError:
        return 0
    tree, frontier = {os.getpid()}, [os.getpid()]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in tree:
                tree.add(pid)
                frontier.append(pid)
    return sum(process_ticks(pid) for pid in tree)


def probe():
    return time.monotonic_ns(), busy_ticks(), own_ticks()


class Gate:
    """Producers say they are ready, then all start at once when the parent opens the gate."""

    def __init__(self, ctx):
        self.ready = ctx.Semaphore(0)
        self.go = ctx.Event()

    def pass_(self):
        self.ready.release()
        self.go.wait()

    def open(self, parties):
        for _ in range(parties):
            self.ready.acquire()
        t0 = time.monotonic_ns()
        self.go.set()
        return t0


def median(values):
    v = sorted(values)
    return v[len(v) // 2] if len(v) % 2 else (v[len(v) // 2 - 1] + v[len(v) // 2]) / 2


def s_start(n, child_cpu):
    spawn = start_latency("spawn", n)
    ctx = mp.get_context("forkserver")
    p = ctx.Process(target=empty)  # a long-running program has its fork server warm
    p.start()
    p.join()
    forkserver = start_latency("forkserver", n)
    fork = start_latency("fork", n)
    return {"start-running": median(spawn["to_running_ns"]), "start-join": median(spawn["start_join_ns"]),
            "start-running-standby": median(forkserver["to_running_ns"]),
            "start-join-standby": median(forkserver["start_join_ns"]),
            "start-join-fork": median(fork["start_join_ns"])}


def s_pipe_rt(n, child_cpu):
    rt = sorted(pipe_round_trip(n, child_cpu)["rt_ns"])
    return {"pipe-rt": rt[n // 2], "pipe-rt-p99": rt[min(n - 1, round(n * 0.99))]}


def oneway_sender(conn, gate, n, cpu):
    pin(cpu)
    for i in range(warm_up(n)):
        conn.send(i)
    gate.pass_()
    for i in range(n):
        conn.send(i)
    conn.send(None)


def s_pipe_oneway(n, child_cpu):
    ctx = mp.get_context("spawn")
    reader, writer = ctx.Pipe(duplex=False)
    gate = Gate(ctx)
    p = ctx.Process(target=oneway_sender, args=(writer, gate, n, child_cpu))
    p.start()
    for _ in range(warm_up(n)):
        reader.recv()
    t0 = gate.open(1)
    count = 0
    while reader.recv() is not None:
        count += 1
    elapsed = time.monotonic_ns() - t0
    p.join()
    return {"pipe-oneway": count / (elapsed / 1e9)}


def megabyte_sender(conn, gate, n, cpu):
    pin(cpu)
    message = b"\x07" * MIB
    for _ in range(warm_up(n)):
        conn.send_bytes(message)
    gate.pass_()
    for _ in range(n):
        conn.send_bytes(message)


def s_pipe_1mib(n, child_cpu):
    ctx = mp.get_context("spawn")
    reader, writer = ctx.Pipe(duplex=False)
    gate = Gate(ctx)
    p = ctx.Process(target=megabyte_sender, args=(writer, gate, n, child_cpu))
    p.start()
    for _ in range(warm_up(n)):
        reader.recv_bytes()
    t0 = gate.open(1)
    total = 0
    for _ in range(n):
        total += len(reader.recv_bytes())
    elapsed = time.monotonic_ns() - t0
    p.join()
    return {"pipe-1mib": total / (elapsed / 1e9)}


def gated_producer(q, gate, n, cpu):
    pin(cpu)
    for i in range(warm_up(n)):
        q.put(i)
    gate.pass_()
    for i in range(n):
        q.put(i)
    q.put(None)


def s_queue(name, n, child_cpu, producers, simple):
    ctx = mp.get_context("spawn")
    q = ctx.SimpleQueue() if simple else ctx.Queue()
    gate = Gate(ctx)
    each = n // producers
    children = [ctx.Process(target=gated_producer, args=(q, gate, each, child_cpu)) for _ in range(producers)]
    for c in children:
        c.start()
    for _ in range(warm_up(each) * producers):
        q.get()
    t0 = gate.open(producers)
    count, ended = 0, 0
    while ended < producers:
        if q.get() is None:
            ended += 1
        else:
            count += 1
    elapsed = time.monotonic_ns() - t0
    for c in children:
        c.join()
    return {name: count / (elapsed / 1e9)}


def s_pool(name, n):
    kind = {"pool-map": "map", "pool-map-chunk1": "map-chunk1", "pool-apply-async": "apply-async",
            "pool-imap-unordered": "imap-unordered", "pool-create": "pool-create"}[name]
    r = pool_bench(kind, n, 2)
    if name == "pool-create":
        return {name: r["elapsed_ns"]}
    return {name: r["items"] / (r["elapsed_ns"] / 1e9)}


def s_executor(n):
    from concurrent.futures import ProcessPoolExecutor
    with ProcessPoolExecutor(2, mp_context=mp.get_context("spawn")) as ex:
        for f in [ex.submit(trivial) for _ in range(max(1, n // 5))]:  # warm-up, as on the mproc side
            f.result()
        t0 = time.monotonic_ns()
        for f in [ex.submit(trivial) for _ in range(n)]:
            f.result()
        elapsed = time.monotonic_ns() - t0
    return {"executor-submit": n / (elapsed / 1e9)}


def lock_worker(lock, counter, gate, n, cpu, out):
    pin(cpu)
    for _ in range(warm_up(n)):
        with lock:
            counter.value += 1
    gate.pass_()
    t0 = time.monotonic_ns()
    for _ in range(n):
        with lock:
            counter.value += 1
    out.put((t0, time.monotonic_ns()))


def s_lock(n, child_cpu):
    ctx = mp.get_context("spawn")
    lock = ctx.Lock()
    counter = ctx.Value("q", 0, lock=False)
    gate = Gate(ctx)
    out = ctx.Queue()
    workers = [ctx.Process(target=lock_worker, args=(lock, counter, gate, n, child_cpu, out)) for _ in range(2)]
    for w in workers:
        w.start()
    gate.open(2)
    spans = [out.get() for _ in workers]
    for w in workers:
        w.join()
    if counter.value != 2 * (n + warm_up(n)):
        raise SystemExit("lost increments: %d of %d" % (counter.value, 2 * (n + warm_up(n))))
    elapsed = max(s[1] for s in spans) - min(s[0] for s in spans)
    return {"lock-increments": 2 * n / (elapsed / 1e9)}


def handoff_child(ping, pong, rounds, cpu):
    pin(cpu)
    for _ in range(rounds):
        ping.acquire()
        pong.release()


def s_semaphore(n, child_cpu):
    ctx = mp.get_context("spawn")
    ping, pong = ctx.Semaphore(0), ctx.Semaphore(0)
    warm = warm_up(n)
    p = ctx.Process(target=handoff_child, args=(ping, pong, warm + n, child_cpu))
    p.start()
    for _ in range(warm):
        ping.release()
        pong.acquire()
    t0 = time.monotonic_ns()
    for _ in range(n):
        ping.release()
        pong.acquire()
    elapsed = time.monotonic_ns() - t0
    p.join()
    return {"semaphore-handoff": 2 * n / (elapsed / 1e9)}


def value_child(v, n, cpu, out):
    pin(cpu)
    for _ in range(warm_up(n)):
        v.value = v.value + 1
    t0 = time.monotonic_ns()
    for _ in range(n):
        v.value = v.value + 1
    out.put(time.monotonic_ns() - t0)


def array_child(a, n, cpu, out):
    pin(cpu)
    total = 0
    for i in range(warm_up(n)):
        a[i % 1000] = i
        total += a[i % 1000]
    t0 = time.monotonic_ns()
    for i in range(n):
        a[i % 1000] = i
        total += a[i % 1000]
    out.put(time.monotonic_ns() - t0)


def s_shared(name, n, child_cpu):
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    # Keep the shared object referenced until the child has it: its semaphore dies with the last reference.
    shared = ctx.Value("i", 0) if name == "value-ops" else ctx.Array("i", 1000)
    p = ctx.Process(target=value_child if name == "value-ops" else array_child, args=(shared, n, child_cpu, out))
    p.start()
    elapsed = out.get()
    p.join()
    return {name: 2 * n / (elapsed / 1e9)}


def shm_child(name, mib, cpu, out):
    from multiprocessing import shared_memory
    pin(cpu)
    shm = shared_memory.SharedMemory(name=name)
    buf = shm.buf
    chunk = b"\x01" * MIB
    t0 = time.monotonic_ns()
    for i in range(mib):
        buf[i * MIB:(i + 1) * MIB] = chunk
    t1 = time.monotonic_ns()
    target = memoryview(bytearray(MIB))
    for i in range(mib):
        target[:] = buf[i * MIB:(i + 1) * MIB]
    t2 = time.monotonic_ns()
    del buf, target
    shm.close()
    out.put((t1 - t0, t2 - t1))


def s_shm(mib, child_cpu):
    from multiprocessing import shared_memory
    ctx = mp.get_context("spawn")
    shm = shared_memory.SharedMemory(create=True, size=mib * MIB)
    try:
        out = ctx.Queue()
        p = ctx.Process(target=shm_child, args=(shm.name, mib, child_cpu, out))
        p.start()
        write_ns, read_ns = out.get()
        p.join()
    finally:
        shm.close()
        shm.unlink()
    return {"shm-write": mib * MIB / (write_ns / 1e9), "shm-read": mib * MIB / (read_ns / 1e9)}


def manager_child(d, n, get, cpu, out):
    pin(cpu)
    total = 0
    for i in range(warm_up(n)):
        if get:
            total += d.get(i % 64)
        else:
            d[i % 64] = i
    t0 = time.monotonic_ns()
    for i in range(n):
        if get:
            total += d.get(i % 64)
        else:
            d[i % 64] = i
    out.put(time.monotonic_ns() - t0)


def s_manager(name, n, child_cpu):
    ctx = mp.get_context("spawn")
    with ctx.Manager() as m:
        d = m.dict({k: k for k in range(64)})
        out = ctx.Queue()
        p = ctx.Process(target=manager_child, args=(d, n, name.endswith("get"), child_cpu, out))
        p.start()
        elapsed = out.get()
        p.join()
    return {name: n / (elapsed / 1e9)}


def suite_workload(name, n, child_cpu):
    if name == "start":
        return s_start(n, child_cpu)
    if name == "pipe-rt":
        return s_pipe_rt(n, child_cpu)
    if name == "pipe-oneway":
        return s_pipe_oneway(n, child_cpu)
    if name == "pipe-1mib":
        return s_pipe_1mib(n, child_cpu)
    if name in ("queue-1to1", "queue-4to1", "simplequeue-1to1", "simplequeue-4to1"):
        return s_queue(name, n, child_cpu, 4 if name.endswith("4to1") else 1, name.startswith("simple"))
    if name.startswith("pool-"):
        return s_pool(name, n)
    if name == "executor-submit":
        return s_executor(n)
    if name == "lock-increments":
        return s_lock(n, child_cpu)
    if name == "semaphore-handoff":
        return s_semaphore(n, child_cpu)
    if name in ("value-ops", "array-ops"):
        return s_shared(name, n, child_cpu)
    if name == "shm":
        return s_shm(n, child_cpu)
    if name in ("manager-set", "manager-get"):
        return s_manager(name, n, child_cpu)
    raise ValueError("unknown workload " + name)


def suite(parent_cpu, child_cpu, workloads):
    pin(parent_cpu)
    for spec in workloads:
        name, size = spec.split("=", 1)
        wall0, busy0, own0 = probe()
        try:
            metrics = suite_workload(name, int(size), child_cpu)
        except Exception as e:  # reported, and the other workloads still run
            print(json.dumps({"workload": name, "error": repr(e)}), flush=True)
            continue
        wall1, busy1, own1 = probe()
        print(json.dumps({"workload": name, "metrics": metrics, "wall_ns": wall1 - wall0,
                          "busy_ticks": busy1 - busy0, "own_ticks": own1 - own0, "ticks_per_s": TICKS_PER_S}),
              flush=True)


if __name__ == "__main__":
    kind = sys.argv[1]
    if kind == "suite":
        suite(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:])
        sys.exit(0)
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
