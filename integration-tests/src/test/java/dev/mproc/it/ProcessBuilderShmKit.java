package dev.mproc.it;

import dev.mproc.conformance.BackendCombination.Combination;
import dev.mproc.conformance.MprocConformanceKit;
import org.junit.jupiter.api.DisplayName;

/** The kit for processbuilder × shm, run inside a container (not by surefire on the host: no Test suffix). */
@DisplayName("processbuilder × shm (in a container)")
public class ProcessBuilderShmKit extends MprocConformanceKit {

    @Override
    protected Combination kit() {
        return new Combination("processbuilder", "shm");
    }

    @Override
    protected boolean providesSharedMemory() {
        return true;
    }
}
