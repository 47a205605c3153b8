package dev.mproc.spawn.processbuilder;

import dev.mproc.conformance.BarrierContract;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Barrier contract: processbuilder × netty")
class ProcessBuilderNettyBarrierTest extends BarrierContract {

    @Override
    protected String spawnBackend() {
        return "processbuilder";
    }

    @Override
    protected String ipcBackend() {
        return "netty";
    }
}
