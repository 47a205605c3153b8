package dev.mproc.spi;

/**
 * Code a spawn backend runs inside each child it started, at boot, before the child connects back to its
 * parent: the place for process attributes that only a process can set on itself (on Linux, the signal it
 * receives when its parent dies). Named by {@link SpawnBackend#childBootHookClass()}; the child bootstrap loads
 * it by name, so implementations need a public no-argument constructor and must be cheap to load.
 */
public interface ChildBootHook {

    /**
     * Runs once, on the child's main thread, after the child has read its bootstrap record and before it
     * connects. A hook that finds the child must not go on (its parent is already gone) may end the process.
     *
     * @param parentPid the pid of the process that started this child
     * @param dieWithParent whether this child must not outlive that process (Python's daemon children)
     * @throws Exception if the hook cannot do its job; the child then reports it and exits with code 1
     */
    void boot(long parentPid, boolean dieWithParent) throws Exception;
}
