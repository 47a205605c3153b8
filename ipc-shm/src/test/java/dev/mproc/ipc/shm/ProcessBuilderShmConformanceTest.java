package dev.mproc.ipc.shm;

import dev.mproc.conformance.BackendCombination.Combination;
import dev.mproc.conformance.MprocConformanceKit;
import org.junit.jupiter.api.DisplayName;

@DisplayName("processbuilder × shm")
class ProcessBuilderShmConformanceTest extends MprocConformanceKit {

    @Override
    protected Combination kit() {
        return new Combination("processbuilder", "shm");
    }

    @Override
    protected boolean providesSharedMemory() {
        return true;
    }
}
