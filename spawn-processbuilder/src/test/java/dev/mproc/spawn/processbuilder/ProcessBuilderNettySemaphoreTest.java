package dev.mproc.spawn.processbuilder;

import dev.mproc.conformance.SemaphoreContract;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Semaphore contract: processbuilder × netty")
class ProcessBuilderNettySemaphoreTest extends SemaphoreContract {

    @Override
    protected String spawnBackend() {
        return "processbuilder";
    }

    @Override
    protected String ipcBackend() {
        return "netty";
    }
}
