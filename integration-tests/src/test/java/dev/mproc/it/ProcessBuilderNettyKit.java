package dev.mproc.it;

import dev.mproc.conformance.BackendCombination.Combination;
import dev.mproc.conformance.MprocConformanceKit;
import org.junit.jupiter.api.DisplayName;

/** The kit for processbuilder × netty, run inside a container (not by surefire on the host: no Test suffix). */
@DisplayName("processbuilder × netty (in a container)")
public class ProcessBuilderNettyKit extends MprocConformanceKit {

    @Override
    protected Combination kit() {
        return new Combination("processbuilder", "netty");
    }
}
