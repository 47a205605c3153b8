package dev.mproc.it;

import dev.mproc.conformance.BackendCombination.Combination;
import dev.mproc.conformance.MprocConformanceKit;
import org.junit.jupiter.api.DisplayName;

/** The kit for posix-fork × shm, run inside a container (not by surefire on the host: no Test suffix). */
@DisplayName("posix-fork × shm (in a container)")
public class PosixShmKit extends MprocConformanceKit {

    @Override
    protected Combination kit() {
        return new Combination("posix-fork", "shm");
    }

    @Override
    protected boolean providesSharedMemory() {
        return true;
    }
}
