package dev.mproc.spawn.processbuilder;

import dev.mproc.conformance.JoinableQueueContract;
import org.junit.jupiter.api.DisplayName;

@DisplayName("JoinableQueue contract: processbuilder × netty")
class ProcessBuilderNettyJoinableQueueTest extends JoinableQueueContract {

    @Override
    protected String spawnBackend() {
        return "processbuilder";
    }

    @Override
    protected String ipcBackend() {
        return "netty";
    }
}
