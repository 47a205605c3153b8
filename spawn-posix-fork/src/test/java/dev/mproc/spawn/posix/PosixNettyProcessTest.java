package dev.mproc.spawn.posix;

import dev.mproc.conformance.ProcessContract;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Process contract: posix-fork × netty")
class PosixNettyProcessTest extends ProcessContract {

    @Override
    protected String spawnBackend() {
        return PosixSpawnProvider.NAME;
    }

    @Override
    protected String ipcBackend() {
        return "netty";
    }
}
