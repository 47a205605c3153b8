package dev.mproc.spawn.processbuilder;

import dev.mproc.conformance.QueueContract;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Queue contract: processbuilder × netty")
class ProcessBuilderNettyQueueTest extends QueueContract {

    @Override
    protected String spawnBackend() {
        return "processbuilder";
    }

    @Override
    protected String ipcBackend() {
        return "netty";
    }
}
