package dev.mproc.spawn.processbuilder;

import dev.mproc.conformance.PipeContract;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Pipe contract: processbuilder × netty")
class ProcessBuilderNettyPipeTest extends PipeContract {

    @Override
    protected String spawnBackend() {
        return "processbuilder";
    }

    @Override
    protected String ipcBackend() {
        return "netty";
    }
}
