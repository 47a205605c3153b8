package dev.mproc.spawn.posix;

import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;

/**
 * How many CPUs this process may really use: the CPUs in its affinity mask, capped by the CPU quota of its
 * cgroup (and of every ancestor cgroup), rounded up, as a container runtime's {@code --cpus} sets it. Python's
 * {@code os.process_cpu_count()} sees only the affinity; the JDK's {@code availableProcessors()} sees both but
 * caches the container part. This is read afresh on every call.
 *
 * <p>cgroup v2: {@code cpu.max} ({@code "max 100000"} or {@code "<quota> <period>"}). cgroup v1:
 * {@code cpu.cfs_quota_us} ({@code -1} for none) over {@code cpu.cfs_period_us}. The cgroup's directory is found
 * from {@code /proc/self/cgroup} and the mount in {@code /proc/self/mountinfo}.
 */
final class CpuBudget {

    private CpuBudget() {
    }

    /** @return at least 1 */
    static int cpuCount() {
        int cpus = affinityCount();
        OptionalDouble quota = quotaCpus("self");
        if (quota.isPresent()) {
            cpus = Math.min(cpus, (int) Math.ceil(quota.getAsDouble()));
        }
        return Math.max(1, cpus);
    }

    /** @return the number of CPUs in the calling thread's affinity mask */
    static int affinityCount() {
        Memory mask = new Memory(LibC.CPU_SET_BYTES);
        if (LibC.sched_getaffinity(0, LibC.CPU_SET_BYTES, mask) != 0) {
            return Runtime.getRuntime().availableProcessors();
        }
        int count = 0;
        for (int i = 0; i < LibC.CPU_SET_BYTES; i += Long.BYTES) {
            count += Long.bitCount(mask.getLong(i));
        }
        return count;
    }

    /**
     * @param process {@code "self"} or a pid, as named under {@code /proc}
     * @return the tightest CPU quota on the way from the process's cgroup to the root, in CPUs
     */
    static OptionalDouble quotaCpus(String process) {
        double best = Double.POSITIVE_INFINITY;
        try {
            List<String> cgroups = Files.readAllLines(Path.of("/proc", process, "cgroup"));
            List<String> mounts = Files.readAllLines(Path.of("/proc", process, "mountinfo"));
            for (String line : cgroups) {
                String[] f = line.split(":", 3);
                if (f.length < 3) {
                    continue;
                }
                // A hybrid host has both: the unified hierarchy ("0::") and a v1 hierarchy with the cpu controller.
                boolean v2 = f[0].equals("0") && f[1].isEmpty();
                if (v2 || List.of(f[1].split(",")).contains("cpu")) {
                    String fsType = v2 ? "cgroup2" : "cgroup";
                    String option = v2 ? null : "cpu";
                    Path dir = directory(mounts, fsType, option, f[2]);
                    if (dir != null) {
                        best = Math.min(best, tightest(dir, mountOf(mounts, fsType, option), v2));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // No cgroup information (no /proc, or unreadable): no quota known.
        }
        return best == Double.POSITIVE_INFINITY ? OptionalDouble.empty() : OptionalDouble.of(best);
    }

    private static double tightest(Path dir, Path mount, boolean v2) {
        double best = Double.POSITIVE_INFINITY;
        for (Path d = dir; d != null && mount != null && d.startsWith(mount); d = d.getParent()) {
            best = Math.min(best, v2 ? readV2(d) : readV1(d));
        }
        return best;
    }

    private static double readV2(Path dir) {
        try {
            String[] f = Files.readString(dir.resolve("cpu.max")).trim().split("\\s+");
            if (f.length == 2 && !f[0].equals("max")) {
                return Double.parseDouble(f[0]) / Double.parseDouble(f[1]);
            }
        } catch (IOException | RuntimeException e) {
            // No cpu controller here (the root has no cpu.max): no limit at this level.
        }
        return Double.POSITIVE_INFINITY;
    }

    private static double readV1(Path dir) {
        try {
            long quota = Long.parseLong(Files.readString(dir.resolve("cpu.cfs_quota_us")).trim());
            long period = Long.parseLong(Files.readString(dir.resolve("cpu.cfs_period_us")).trim());
            if (quota > 0 && period > 0) {
                return (double) quota / period;
            }
        } catch (IOException | RuntimeException e) {
            // Not readable at this level: no limit known here.
        }
        return Double.POSITIVE_INFINITY;
    }

    /**
     * The directory of a cgroup: the controller's mount point joined with the cgroup's path relative to the
     * mount's root (inside a cgroup namespace the root is the namespace's, and the path is already relative).
     */
    private static Path directory(List<String> mounts, String fsType, String option, String cgroupPath) {
        for (String line : mounts) {
            String[] m = mountFields(line, fsType, option);
            if (m == null) {
                continue;
            }
            String root = m[0];
            String rel = cgroupPath.startsWith(root) ? cgroupPath.substring(root.length()) : cgroupPath;
            Path dir = Path.of(m[1], rel.startsWith("/") ? rel.substring(1) : rel);
            return Files.isDirectory(dir) ? dir : Path.of(m[1]);
        }
        return null;
    }

    private static Path mountOf(List<String> mounts, String fsType, String option) {
        for (String line : mounts) {
            String[] m = mountFields(line, fsType, option);
            if (m != null) {
                return Path.of(m[1]);
            }
        }
        return null;
    }

    /** @return {root, mount point} of a mountinfo line of that file-system type (and super option), or null */
    private static String[] mountFields(String line, String fsType, String option) {
        int dash = line.indexOf(" - ");
        if (dash < 0) {
            return null;
        }
        String[] pre = line.substring(0, dash).split(" ");
        String[] post = line.substring(dash + 3).split(" ");
        if (pre.length < 5 || post.length < 3 || !post[0].equals(fsType)) {
            return null;
        }
        if (option != null && !List.of(post[2].split(",")).contains(option)) {
            return null;
        }
        return new String[] {pre[3], pre[4]};
    }
}
