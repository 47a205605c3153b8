/**
 * Pools of worker processes: {@link dev.mproc.pool.Pool} (Python's {@code multiprocessing.Pool}) and
 * {@link dev.mproc.pool.ProcessPoolExecutor} (an {@link java.util.concurrent.ExecutorService} on processes).
 */
package dev.mproc.pool;
