package dev.mproc.spawn.processbuilder;

import dev.mproc.conformance.SimpleQueueContract;
import org.junit.jupiter.api.DisplayName;

@DisplayName("SimpleQueue contract: processbuilder × netty")
class ProcessBuilderNettySimpleQueueTest extends SimpleQueueContract {

    @Override
    protected String spawnBackend() {
        return "processbuilder";
    }

    @Override
    protected String ipcBackend() {
        return "netty";
    }
}
