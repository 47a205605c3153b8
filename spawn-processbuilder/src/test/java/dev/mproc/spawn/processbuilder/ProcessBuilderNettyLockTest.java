package dev.mproc.spawn.processbuilder;

import dev.mproc.conformance.LockContract;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Lock contract: processbuilder × netty")
class ProcessBuilderNettyLockTest extends LockContract {

    @Override
    protected String spawnBackend() {
        return "processbuilder";
    }

    @Override
    protected String ipcBackend() {
        return "netty";
    }
}
