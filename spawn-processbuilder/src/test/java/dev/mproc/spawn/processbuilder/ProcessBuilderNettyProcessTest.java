package dev.mproc.spawn.processbuilder;

import dev.mproc.conformance.ProcessContract;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Process contract: processbuilder × netty")
class ProcessBuilderNettyProcessTest extends ProcessContract {

    @Override
    protected String spawnBackend() {
        return "processbuilder";
    }

    @Override
    protected String ipcBackend() {
        return "netty";
    }
}
