package dev.mproc.it;

import dev.mproc.conformance.BackendCombination.Combination;
import dev.mproc.conformance.MprocConformanceKit;
import org.junit.jupiter.api.DisplayName;

/** The kit for posix-fork × netty, run inside a container (not by surefire on the host: no Test suffix). */
@DisplayName("posix-fork × netty (in a container)")
public class PosixNettyKit extends MprocConformanceKit {

    @Override
    protected Combination kit() {
        return new Combination("posix-fork", "netty");
    }
}
