package dev.mproc.internal.pool;

/**
 * A run of consecutive items of one job, sent to one worker in one message.
 *
 * @param id the chunk's id, unique in the pool
 * @param job the job it belongs to
 * @param first the index of its first item in the job
 * @param count how many items it holds
 * @param functionId the function the worker applies (0 for a task chunk)
 * @param function the encoded function, sent to a worker before its first chunk of this function
 * @param kind how the worker applies it ({@link PoolProtocol#KIND_TASK} and the others)
 * @param message the whole CHUNK message the worker gets: header, then the encoded task or item list
 *     ({@link ItemBlock}); built once, so a chunk that goes back to the queue is not encoded again
 */
record Chunk(long id, Job job, int first, int count, long functionId, byte[] function, byte kind, byte[] message) {
}
