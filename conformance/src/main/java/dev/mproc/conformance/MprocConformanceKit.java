package dev.mproc.conformance;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The whole conformance kit for one spawn × IPC backend combination: every contract of the api, as nested test
 * classes. A backend runs it with one small class:
 *
 * <pre>{@code
 * @DisplayName("processbuilder × netty")
 * class MyBackendConformanceTest extends MprocConformanceKit {
 *     @Override
 *     protected Combination kit() {
 *         return new Combination("processbuilder", "netty");
 *     }
 * }
 * }</pre>
 *
 * A primitive that the combination does not provide fails its tests visibly (with the backend's
 * {@link UnsupportedOperationException} naming it); nothing is skipped.
 */
public abstract class MprocConformanceKit {

    /** @return the backends under test */
    protected abstract BackendCombination.Combination kit();

    /**
     * Whether the IPC backend maps memory on this host and so provides SharedMemory and ShareableList; a backend
     * that does not must refuse them clearly, and the kit checks that instead.
     *
     * @return {@code false} unless overridden
     */
    protected boolean providesSharedMemory() {
        return false;
    }

    @Nested
    @DisplayName("Process: lifecycle, exit codes, daemon rules")
    class Processes extends ProcessContract {
        @Override
        protected BackendCombination.Combination combination() {
            return kit();
        }
    }

    @Nested
    @DisplayName("Standby children: warm starts with process semantics unchanged")
    class Standbys extends StandbyContract {
        @Override
        protected BackendCombination.Combination combination() {
            return kit();
        }
    }

    @Nested
    @DisplayName("Subprocess: external programs through pipes, without the 64 KiB deadlock")
    class Subprocesses extends SubprocessContract {
        @Override
        protected BackendCombination.Combination combination() {
            return kit();
        }
    }

    @Nested
    @DisplayName("Event")
    class Events extends EventContract {
        @Override
        protected BackendCombination.Combination combination() {
            return kit();
        }
    }

    @Nested
    @DisplayName("Lock and RLock")
    class Locks extends LockContract {
        @Override
        protected BackendCombination.Combination combination() {
            return kit();
        }
    }

    @Nested
    @DisplayName("Semaphore and BoundedSemaphore")
    class Semaphores extends SemaphoreContract {
        @Override
        protected BackendCombination.Combination combination() {
            return kit();
        }
    }

    @Nested
    @DisplayName("Condition")
    class Conditions extends ConditionContract {
        @Override
        protected BackendCombination.Combination combination() {
            return kit();
        }
    }

    @Nested
    @DisplayName("Barrier")
    class Barriers extends BarrierContract {
        @Override
        protected BackendCombination.Combination combination() {
            return kit();
        }
    }

    @Nested
    @DisplayName("Value and Array")
    class Values extends ValueContract {
        @Override
        protected BackendCombination.Combination combination() {
            return kit();
        }
    }

    @Nested
    @DisplayName("SharedMemory and ShareableList")
    class SharedMemories extends SharedMemoryContract {
        @Override
        protected BackendCombination.Combination combination() {
            return kit();
        }

        @Override
        protected boolean providesSharedMemory() {
            return MprocConformanceKit.this.providesSharedMemory();
        }
    }

    @Nested
    @DisplayName("Queue")
    class Queues extends QueueContract {
        @Override
        protected BackendCombination.Combination combination() {
            return kit();
        }
    }

    @Nested
    @DisplayName("JoinableQueue")
    class JoinableQueues extends JoinableQueueContract {
        @Override
        protected BackendCombination.Combination combination() {
            return kit();
        }
    }

    @Nested
    @DisplayName("SimpleQueue")
    class SimpleQueues extends SimpleQueueContract {
        @Override
        protected BackendCombination.Combination combination() {
            return kit();
        }
    }

    @Nested
    @DisplayName("Pipe and Connection")
    class Pipes extends PipeContract {
        @Override
        protected BackendCombination.Combination combination() {
            return kit();
        }
    }

    @Nested
    @DisplayName("Manager")
    class Managers extends ManagerContract {
        @Override
        protected BackendCombination.Combination combination() {
            return kit();
        }
    }

    @Nested
    @DisplayName("Pool")
    class Pools extends PoolContract {
        @Override
        protected BackendCombination.Combination combination() {
            return kit();
        }
    }

    @Nested
    @DisplayName("ProcessPoolExecutor")
    class Executors extends ExecutorContract {
        @Override
        protected BackendCombination.Combination combination() {
            return kit();
        }
    }
}
