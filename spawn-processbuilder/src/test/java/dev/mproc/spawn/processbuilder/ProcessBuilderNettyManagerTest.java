package dev.mproc.spawn.processbuilder;

import dev.mproc.conformance.ManagerContract;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Manager contract: processbuilder × netty")
class ProcessBuilderNettyManagerTest extends ManagerContract {

    @Override
    protected String spawnBackend() {
        return "processbuilder";
    }

    @Override
    protected String ipcBackend() {
        return "netty";
    }
}
