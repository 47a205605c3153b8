package dev.mproc.spawn.processbuilder;

import dev.mproc.conformance.ConditionContract;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Condition contract: processbuilder × netty")
class ProcessBuilderNettyConditionTest extends ConditionContract {

    @Override
    protected String spawnBackend() {
        return "processbuilder";
    }

    @Override
    protected String ipcBackend() {
        return "netty";
    }
}
