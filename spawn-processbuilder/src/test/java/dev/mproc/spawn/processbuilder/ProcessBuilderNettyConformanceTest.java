package dev.mproc.spawn.processbuilder;

import dev.mproc.conformance.BackendCombination.Combination;
import dev.mproc.conformance.MprocConformanceKit;
import org.junit.jupiter.api.DisplayName;

@DisplayName("processbuilder × netty")
class ProcessBuilderNettyConformanceTest extends MprocConformanceKit {

    @Override
    protected Combination kit() {
        return new Combination("processbuilder", "netty");
    }
}
