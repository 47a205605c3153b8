package dev.mproc.spawn.processbuilder;

import dev.mproc.conformance.EventContract;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Event contract: processbuilder × netty")
class ProcessBuilderNettyEventTest extends EventContract {

    @Override
    protected String spawnBackend() {
        return "processbuilder";
    }

    @Override
    protected String ipcBackend() {
        return "netty";
    }
}
