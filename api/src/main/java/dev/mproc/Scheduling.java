package dev.mproc;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * How the operating system schedules a child: its nice value, the CPUs it may run on and its scheduling policy.
 * Set on a context ({@link ContextOptions.Builder#scheduling}); every child of that context starts with it, so
 * the JVM's own threads (compiler, GC) are placed from the first instruction. Whatever is not set is inherited
 * from the parent. Immutable; build with {@link #builder()}.
 *
 * <p>Only a spawn backend that controls the kernel can honour it (on Linux, {@code posix-fork}); the portable
 * backend refuses a non-default value with an {@link UnsupportedOperationException} rather than ignore it. The
 * kernel may still say no: a lower nice value than the parent's, or a real-time policy, needs privilege
 * ({@code CAP_SYS_NICE}, {@code RLIMIT_NICE}, {@code RLIMIT_RTPRIO}), and CPUs outside the parent's allowed set
 * cannot be used. {@code start()} then fails with the kernel's reason.
 */
public final class Scheduling {

    /** Scheduling policies of Linux's scheduler (see {@code sched(7)}). */
    public enum Policy {
        /** The default time-sharing policy ({@code SCHED_OTHER}); the nice value weighs the share. */
        NORMAL,
        /** For CPU-bound batch work ({@code SCHED_BATCH}): like normal, but woken less eagerly. */
        BATCH,
        /** Runs only when nothing else wants the CPU ({@code SCHED_IDLE}); the nice value is ignored. */
        IDLE,
        /** Real-time first-in first-out ({@code SCHED_FIFO}) at a priority 1 to 99; needs privilege. */
        FIFO,
        /** Real-time round robin ({@code SCHED_RR}) at a priority 1 to 99; needs privilege. */
        ROUND_ROBIN;

        /** @return whether the policy takes a real-time priority */
        public boolean isRealTime() {
            return this == FIFO || this == ROUND_ROBIN;
        }
    }

    private static final Scheduling INHERIT = new Scheduling(null, new int[0], null, 0);

    private final Integer nice;
    private final int[] cpus;
    private final Policy policy;
    private final int priority;

    private Scheduling(Integer nice, int[] cpus, Policy policy, int priority) {
        this.nice = nice;
        this.cpus = cpus;
        this.policy = policy;
        this.priority = priority;
    }

    /** @return the value that changes nothing: children inherit the parent's scheduling */
    public static Scheduling inherit() {
        return INHERIT;
    }

    /** @return a builder that starts from {@link #inherit()} */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the nice value, -20 (most favoured) to 19, or empty to inherit */
    public OptionalInt nice() {
        return nice == null ? OptionalInt.empty() : OptionalInt.of(nice);
    }

    /** @return the CPUs the child may run on, ascending; empty to inherit the parent's affinity */
    public int[] cpus() {
        return cpus.clone();
    }

    /** @return the policy, or {@code null} to inherit */
    public Policy policy() {
        return policy;
    }

    /** @return the real-time priority (1 to 99) for {@link Policy#FIFO} and {@link Policy#ROUND_ROBIN}, else 0 */
    public int priority() {
        return priority;
    }

    /** @return whether nothing is set, so children inherit everything */
    public boolean isInherited() {
        return nice == null && cpus.length == 0 && policy == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Scheduling s && Objects.equals(nice, s.nice) && Arrays.equals(cpus, s.cpus)
                && policy == s.policy && priority == s.priority;
    }

    @Override
    public int hashCode() {
        return Objects.hash(nice, Arrays.hashCode(cpus), policy, priority);
    }

    @Override
    public String toString() {
        if (isInherited()) {
            return "Scheduling[inherit]";
        }
        StringBuilder b = new StringBuilder("Scheduling[");
        String sep = "";
        if (nice != null) {
            b.append("nice ").append(nice);
            sep = ", ";
        }
        if (cpus.length > 0) {
            b.append(sep).append("cpus ").append(Arrays.toString(cpus));
            sep = ", ";
        }
        if (policy != null) {
            b.append(sep).append("policy ").append(policy);
            if (policy.isRealTime()) {
                b.append(" priority ").append(priority);
            }
        }
        return b.append(']').toString();
    }

    /** Builds {@link Scheduling}; every setter checks its argument at once. Not thread-safe. */
    public static final class Builder {
        private Integer nice;
        private final SortedSet<Integer> cpus = new TreeSet<>();
        private Policy policy;
        private int priority;

        private Builder() {
        }

        /**
         * @param value the nice value, -20 to 19 (lower is more favoured)
         * @return this builder
         */
        public Builder nice(int value) {
            if (value < -20 || value > 19) {
                throw new IllegalArgumentException("nice must be between -20 and 19, got " + value);
            }
            this.nice = value;
            return this;
        }

        /**
         * Restricts the child to these CPUs (its affinity mask), replacing any set before.
         *
         * @param cpuNumbers CPU numbers as the kernel counts them, from 0
         * @return this builder
         */
        public Builder cpus(int... cpuNumbers) {
            cpus.clear();
            for (int cpu : cpuNumbers) {
                if (cpu < 0) {
                    throw new IllegalArgumentException("CPU numbers start at 0, got " + cpu);
                }
                cpus.add(cpu);
            }
            return this;
        }

        /**
         * Sets a policy without a real-time priority.
         *
         * @param value {@link Policy#NORMAL}, {@link Policy#BATCH} or {@link Policy#IDLE}
         * @return this builder
         */
        public Builder policy(Policy value) {
            Objects.requireNonNull(value, "policy");
            if (value.isRealTime()) {
                throw new IllegalArgumentException(value + " needs a priority: use realTime(" + value + ", 1..99)");
            }
            this.policy = value;
            this.priority = 0;
            return this;
        }

        /**
         * Sets a real-time policy.
         *
         * @param value {@link Policy#FIFO} or {@link Policy#ROUND_ROBIN}
         * @param realTimePriority 1 (lowest) to 99
         * @return this builder
         */
        public Builder realTime(Policy value, int realTimePriority) {
            Objects.requireNonNull(value, "policy");
            if (!value.isRealTime()) {
                throw new IllegalArgumentException(value + " is not a real-time policy: use policy(" + value + ")");
            }
            if (realTimePriority < 1 || realTimePriority > 99) {
                throw new IllegalArgumentException("a real-time priority is between 1 and 99, got " + realTimePriority);
            }
            this.policy = value;
            this.priority = realTimePriority;
            return this;
        }

        /** @return the immutable value */
        public Scheduling build() {
            return new Scheduling(nice, cpus.stream().mapToInt(Integer::intValue).toArray(), policy, priority);
        }
    }
}
