package dev.mproc.ipc.shm;

import org.junit.jupiter.api.DisplayName;

@DisplayName("shm synchronizers on processbuilder")
class ProcessBuilderShmSyncTest extends ShmSyncContract {

    @Override
    protected Combination combination() {
        return new Combination("processbuilder", "shm");
    }
}
