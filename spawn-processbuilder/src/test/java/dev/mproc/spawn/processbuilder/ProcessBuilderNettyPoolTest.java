package dev.mproc.spawn.processbuilder;

import dev.mproc.conformance.PoolContract;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Pool contract: processbuilder × netty")
class ProcessBuilderNettyPoolTest extends PoolContract {

    @Override
    protected String spawnBackend() {
        return "processbuilder";
    }

    @Override
    protected String ipcBackend() {
        return "netty";
    }
}
