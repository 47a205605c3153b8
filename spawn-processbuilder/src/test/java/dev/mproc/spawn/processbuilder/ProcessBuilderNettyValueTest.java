package dev.mproc.spawn.processbuilder;

import dev.mproc.conformance.ValueContract;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Value contract: processbuilder × netty")
class ProcessBuilderNettyValueTest extends ValueContract {

    @Override
    protected String spawnBackend() {
        return "processbuilder";
    }

    @Override
    protected String ipcBackend() {
        return "netty";
    }
}
