package dev.mproc.ipc.shm;

import org.junit.jupiter.api.DisplayName;

@DisplayName("shm synchronizers on posix-fork")
class PosixShmSyncTest extends ShmSyncContract {

    @Override
    protected Combination combination() {
        return new Combination("posix-fork", "shm");
    }
}
