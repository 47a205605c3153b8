package dev.mproc.spawn.posix;

import dev.mproc.conformance.BackendCombination.Combination;
import dev.mproc.conformance.MprocConformanceKit;
import org.junit.jupiter.api.DisplayName;

@DisplayName("posix-fork × netty")
class PosixNettyConformanceTest extends MprocConformanceKit {

    @Override
    protected Combination kit() {
        return new Combination("posix-fork", "netty");
    }
}
