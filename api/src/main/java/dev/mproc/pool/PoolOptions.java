package dev.mproc.pool;

import dev.mproc.Target;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a {@link Pool} is made: Python's {@code Pool(processes, initializer, initargs, maxtasksperchild)}, plus a
 * per-task timeout. Immutable; build with {@link #builder()}.
 */
public final class PoolOptions {

    private final Integer processes;
    private final Target initializer;
    private final int maxTasksPerChild;
    private final Duration taskTimeout;

    private PoolOptions(Builder b) {
        this.processes = b.processes;
        this.initializer = b.initializer;
        this.maxTasksPerChild = b.maxTasksPerChild;
        this.taskTimeout = b.taskTimeout;
    }

    /** @return a builder with Python's defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the defaults: {@code cpuCount()} workers, no initializer, workers live forever, no task timeout */
    public static PoolOptions defaults() {
        return builder().build();
    }

    /** @return the number of workers, empty for the context's {@code cpuCount()} */
    public OptionalInt processes() {
        return processes == null ? OptionalInt.empty() : OptionalInt.of(processes);
    }

    /** @return the code each worker runs once before its first task */
    public Optional<Target> initializer() {
        return Optional.ofNullable(initializer);
    }

    /** @return tasks after which a worker is replaced by a fresh one; 0 for never */
    public int maxTasksPerChild() {
        return maxTasksPerChild;
    }

    /** @return how long one task may run before it is failed and its worker replaced */
    public Optional<Duration> taskTimeout() {
        return Optional.ofNullable(taskTimeout);
    }

    /** Builds {@link PoolOptions}. Not thread-safe. */
    public static final class Builder {
        private Integer processes;
        private Target initializer;
        private int maxTasksPerChild;
        private Duration taskTimeout;

        private Builder() {
        }

        /**
         * @param n the number of worker processes
         * @return this builder
         * @throws IllegalArgumentException if {@code n < 1} ("Number of processes must be at least 1")
         */
        public Builder processes(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("Number of processes must be at least 1, got " + n);
            }
            this.processes = n;
            return this;
        }

        /**
         * @param init runs once in every worker before its first task (capture its arguments in the lambda);
         *     if it throws, the worker exits with code 1 and is replaced
         * @return this builder
         */
        public Builder initializer(Target init) {
            this.initializer = Objects.requireNonNull(init, "initializer");
            return this;
        }

        /**
         * @param n tasks after which a worker exits and a fresh one replaces it
         * @return this builder
         * @throws IllegalArgumentException if {@code n < 1}
         */
        public Builder maxTasksPerChild(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxTasksPerChild must be at least 1, got " + n);
            }
            this.maxTasksPerChild = n;
            return this;
        }

        /**
         * @param timeout how long one task may run; a task that outlives it fails with a
         *     {@link java.util.concurrent.TimeoutException} and its worker is killed and replaced
         * @return this builder
         */
        public Builder taskTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("taskTimeout must be positive, got " + timeout);
            }
            this.taskTimeout = timeout;
            return this;
        }

        /** @return the options */
        public PoolOptions build() {
            return new PoolOptions(this);
        }
    }
}
