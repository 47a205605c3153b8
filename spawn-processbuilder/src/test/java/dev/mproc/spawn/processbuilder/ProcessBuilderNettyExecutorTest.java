package dev.mproc.spawn.processbuilder;

import dev.mproc.conformance.ExecutorContract;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Executor contract: processbuilder × netty")
class ProcessBuilderNettyExecutorTest extends ExecutorContract {

    @Override
    protected String spawnBackend() {
        return "processbuilder";
    }

    @Override
    protected String ipcBackend() {
        return "netty";
    }
}
