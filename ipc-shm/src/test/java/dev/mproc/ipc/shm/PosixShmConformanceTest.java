package dev.mproc.ipc.shm;

import dev.mproc.conformance.BackendCombination.Combination;
import dev.mproc.conformance.MprocConformanceKit;
import org.junit.jupiter.api.DisplayName;

@DisplayName("posix-fork × shm")
class PosixShmConformanceTest extends MprocConformanceKit {

    @Override
    protected Combination kit() {
        return new Combination("posix-fork", "shm");
    }

    @Override
    protected boolean providesSharedMemory() {
        return true;
    }
}
