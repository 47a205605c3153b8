package dev.mproc.examples;

import dev.mproc.examples.create.ClockProcess;
import dev.mproc.examples.create.FunctionTarget;
import dev.mproc.examples.create.ManyProcesses;
import dev.mproc.examples.create.ManyProcessesClass;
import dev.mproc.examples.create.SubclassTarget;
import dev.mproc.examples.daemon.DaemonAndNonDaemon;
import dev.mproc.examples.daemon.DaemonAndNonDaemonThreads;
import dev.mproc.examples.daemon.DaemonCannotHaveChildren;
import dev.mproc.examples.daemon.DaemonChild;
import dev.mproc.examples.daemon.DaemonChildJoined;
import dev.mproc.examples.daemon.DaemonThread;
import dev.mproc.examples.executor.Executor;
import dev.mproc.examples.isolation.MemoryIsolation;
import dev.mproc.examples.isolation.NoSharedState;
import dev.mproc.examples.join.JoinOrder;
import dev.mproc.examples.join.NoJoin;
import dev.mproc.examples.join.WithJoin;
import dev.mproc.examples.manager.ManagerDict;
import dev.mproc.examples.manager.ManagerLock;
import dev.mproc.examples.pid.CurrentProcess;
import dev.mproc.examples.pid.ForkPids;
import dev.mproc.examples.pid.Orphan;
import dev.mproc.examples.pipe.PipeProducerConsumer;
import dev.mproc.examples.pipe.PipeRequestReply;
import dev.mproc.examples.pipe.PipeSend;
import dev.mproc.examples.pool.PoolApply;
import dev.mproc.examples.pool.PoolApplyAsync;
import dev.mproc.examples.pool.PoolApplyVsAsyncVsMap;
import dev.mproc.examples.pool.PoolCallback;
import dev.mproc.examples.pool.PoolCtrlC;
import dev.mproc.examples.pool.PoolFourFunctions;
import dev.mproc.examples.pool.PoolInitializer;
import dev.mproc.examples.pool.PoolMapImap;
import dev.mproc.examples.pool.PoolQueueApply;
import dev.mproc.examples.pool.PoolQueueApplyAsync;
import dev.mproc.examples.pool.PoolResults;
import dev.mproc.examples.pool.PoolTenTasks;
import dev.mproc.examples.queue.QueueProducerConsumer;
import dev.mproc.examples.queue.QueueResults;
import dev.mproc.examples.shared.ValueArray;
import dev.mproc.examples.sync.EventWait;
import dev.mproc.examples.sync.SemaphoreThree;
import dev.mproc.examples.sync.SemaphoreTwo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every example of the tour, in the order of the seed texts' topics. Seeds: 000 (processes, daemons, pools; cnblogs),
 * 001 (creating processes, pid, isolation, join, daemons), 002 (fork, pools, Pipe, Semaphore, Event, Value/Array,
 * Manager), 003 (multiprocessing functions, Pool in depth), 004 (processes, queues, pipes, managers, locks,
 * semaphores, pools).
 */
public final class Catalog {

    /** Group names and their titles, in tour order. */
    public static final Map<String, String> GROUPS = groups();

    /** Every example, in tour order. */
    public static final List<Example> EXAMPLES = examples();

    private Catalog() {
    }

    /**
     * Finds an example by name.
     *
     * @param name the example's name
     * @return the example, if there is one by that name
     */
    public static Optional<Example> byName(String name) {
        return EXAMPLES.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /**
     * The examples of a group.
     *
     * @param group the group's name
     * @return its examples, in tour order; empty if there is no such group
     */
    public static List<Example> inGroup(String group) {
        return EXAMPLES.stream().filter(e -> e.group().equals(group)).toList();
    }

    private static Map<String, String> groups() {
        Map<String, String> g = new LinkedHashMap<>();
        g.put("demo", "the main demo");
        g.put("create", "creating processes");
        g.put("pid", "pid and ppid");
        g.put("isolation", "memory isolation between processes");
        g.put("join", "join and its ordering");
        g.put("daemon", "daemon and non-daemon children, daemon threads");
        g.put("pool", "Pool");
        g.put("queue", "Queue");
        g.put("pipe", "Pipe");
        g.put("manager", "Manager and Lock");
        g.put("sync", "Semaphore and Event");
        g.put("shared", "Value and Array");
        g.put("executor", "ProcessPoolExecutor");
        g.put("subprocess", "external programs through pipes");
        g.put("service", "a daemon service (posix-fork)");
        return Collections.unmodifiableMap(g);
    }

    private static List<Example> examples() {
        List<Example> e = new ArrayList<>();
        e.add(new Example("demo", "demo", Demo.class, "pids, results, exit codes, timings, a daemon cut off",
                "not a seed: mproc's overview", 0));

        e.add(ok("function-target", "create", FunctionTarget.class, "a function as the target",
                "001 two ways to create a process, 1"));
        e.add(ok("subclass-target", "create", SubclassTarget.class, "a class with state and run(), Python's subclass",
                "001 two ways to create a process, 2"));
        e.add(ok("clock-process", "create", ClockProcess.class, "a class with an interval, ticking five times",
                "002 a process as a class (ClockProcess)"));
        e.add(ok("many-processes", "create", ManyProcesses.class, "three children, their pids and ppids",
                "004 multiprocessing, way 1"));
        e.add(ok("many-processes-class", "create", ManyProcessesClass.class, "the same three as a class",
                "004 multiprocessing, way 2"));

        e.add(ok("fork-pids", "pid", ForkPids.class, "pid and ppid after a fork, the JVM way",
                "002 os.fork(), 1"));
        e.add(ok("orphan", "pid", Orphan.class, "the ppid changes when the parent exits",
                "002 os.fork(), 3 parent and child PIDs"));
        e.add(ok("current-process", "pid", CurrentProcess.class, "currentProcess, activeChildren, cpuCount",
                "003 the multiprocessing functions"));

        e.add(ok("memory-isolation", "isolation", MemoryIsolation.class, "a static field changed in the child",
                "001 isolation between processes"));
        e.add(ok("no-shared-state", "isolation", NoSharedState.class, "an object's field changed in three children",
                "004 data is not shared"));

        e.add(ok("join-order", "join", JoinOrder.class, "join 1, 2, 3 s children in order; total time",
                "001 the join method"));
        e.add(ok("with-join", "join", WithJoin.class, "join before printing", "004 single process; with join"));
        e.add(ok("no-join", "join", NoJoin.class, "no join: main prints first", "004 without join"));

        e.add(ok("daemon-child", "daemon", DaemonChild.class, "a daemon child, main ends: only 'main' appears",
                "000 daemon process 1; 004 daemon"));
        e.add(ok("daemon-child-joined", "daemon", DaemonChildJoined.class,
                "the same daemon, joined: it runs to its end",
                "000 daemon process 1 with join; 002 multiprocessing.Process"));
        e.add(ok("daemon-and-non-daemon", "daemon", DaemonAndNonDaemon.class,
                "main-------: daemon p1 cut off, non-daemon p2 runs to its end",
                "000 daemon process 2; 001 daemon process"));
        e.add(ok("daemon-thread", "daemon", DaemonThread.class, "a daemon thread ends with the JVM",
                "000 daemon thread 1"));
        e.add(ok("daemon-and-non-daemon-threads", "daemon", DaemonAndNonDaemonThreads.class,
                "a daemon thread outlives main while a non-daemon thread runs", "000 daemon thread 2"));
        e.add(ok("daemon-cannot-have-children", "daemon", DaemonCannotHaveChildren.class,
                "a daemon may not start children", "000 daemon process (commented code); 001 daemon process"));

        e.add(ok("pool-apply", "pool", PoolApply.class, "apply blocks: one call after another",
                "000 pool, blocking; 003 apply"));
        e.add(ok("pool-apply-async", "pool", PoolApplyAsync.class, "applyAsync returns at once",
                "000 pool, non-blocking"));
        e.add(ok("pool-results", "pool", PoolResults.class, "AsyncResult.get() after join",
                "000 pool with results; 004 return values"));
        e.add(ok("pool-four-functions", "pool", PoolFourFunctions.class, "four different functions in one pool",
                "000 several pools"));
        e.add(ok("pool-ten-tasks", "pool", PoolTenTasks.class, "ten random-length tasks on three workers",
                "002 process pool"));
        e.add(ok("pool-map-imap", "pool", PoolMapImap.class, "map returns a list, imap an iterator",
                "002 map and imap"));
        e.add(ok("pool-apply-vs-async-vs-map", "pool", PoolApplyVsAsyncVsMap.class,
                "apply, applyAsync, map, starmap side by side, timed", "004 pool: apply, apply_async, map, results"));
        e.add(ok("pool-callback", "pool", PoolCallback.class, "callbacks run in the parent",
                "003 apply_async with callback; 004 callback"));
        e.add(ok("pool-initializer", "pool", PoolInitializer.class, "initializer, and maxTasksPerChild(1)",
                "003 Pool constructor"));
        e.add(ok("pool-queue-apply", "pool", PoolQueueApply.class, "a queue between pool tasks, with apply",
                "000 Pool + Queue, apply"));
        e.add(ok("pool-queue-apply-async", "pool", PoolQueueApplyAsync.class,
                "a queue between pool tasks, with applyAsync", "000 Pool + Queue, apply_async"));
        e.add(new Example("pool-ctrl-c", "pool", PoolCtrlC.class, "Ctrl-C: a shutdown hook terminates the pool",
                "seed 000 Pool as daemon (Ctrl-C)", 130));

        e.add(ok("queue-results", "queue", QueueResults.class, "children put results, the parent drains them",
                "004 queue data exchange"));
        e.add(ok("queue-producer-consumer", "queue", QueueProducerConsumer.class, "producer, consumer, a sentinel",
                "004 queue producer/consumer"));

        e.add(ok("pipe-send", "pipe", PipeSend.class, "the child sends a list through a pipe", "002 Pipe"));
        e.add(ok("pipe-request-reply", "pipe", PipeRequestReply.class, "a greeting and its reply",
                "004 Pipe data exchange"));
        e.add(ok("pipe-producer-consumer", "pipe", PipeProducerConsumer.class, "five messages, then end of file",
                "004 Pipe producer/consumer"));

        e.add(ok("manager-dict", "manager", ManagerDict.class, "a manager's dict and list shared by three children",
                "004 Managers; 002 Manager"));
        e.add(ok("manager-lock", "manager", ManagerLock.class, "lost updates without a lock, exactly 2000 with one",
                "004 process lock: without and with"));

        e.add(ok("semaphore-two", "sync", SemaphoreTwo.class, "Semaphore(2), five processes", "002 Semaphore"));
        e.add(ok("semaphore-three", "sync", SemaphoreThree.class, "Semaphore(3) limits five processes to three",
                "004 Semaphore"));
        e.add(ok("event-wait", "sync", EventWait.class, "waiting for an Event, with and without a timeout",
                "002 Event"));

        e.add(ok("value-array", "shared", ValueArray.class, "a shared double and int array", "002 Array, Value"));

        e.add(ok("executor", "executor", Executor.class, "an ExecutorService of worker processes",
                "004 ProcessPoolExecutor"));

        e.add(ok("pipe-deadlock", "subprocess", dev.mproc.examples.subprocess.PipeDeadlock.class,
                "64 KiB + 1 byte through a pipe: communicate does not deadlock", "002 subprocess, the pipe deadlock"));
        e.add(ok("daemon-service", "service", dev.mproc.examples.service.DaemonServiceExample.class,
                "a detached service: start, status, start again, restart, stop", "002 the Daemon class"));
        return List.copyOf(e);
    }

    private static Example ok(String name, String group, Class<?> mainClass, String title, String seeds) {
        return new Example(name, group, mainClass, title, "seed " + seeds, 0);
    }
}
