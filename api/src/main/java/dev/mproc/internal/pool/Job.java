package dev.mproc.internal.pool;

import java.util.List;

/** Something submitted to a pool, split into chunks; told about each chunk's outcome on the result thread. */
abstract class Job {

    /** @return how many items the job has */
    abstract int total();

    /**
     * @param chunk the chunk
     * @param results its results, in order
     */
    abstract void succeeded(Chunk chunk, List<?> results);

    /**
     * @param chunk the chunk
     * @param cause why it failed
     */
    abstract void failed(Chunk chunk, Throwable cause);
}
