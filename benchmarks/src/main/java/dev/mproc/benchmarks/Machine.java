package dev.mproc.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The machine a run measured, for the report: CPU model, CPUs, memory, kernel, whether it is a virtual machine,
 * JDK, Python, and the load average when the run started and ended.
 *
 * @param facts name → value, in the order the report shows them
 */
record Machine(Map<String, String> facts) {

    static Machine describe(String python) {
        Map<String, String> f = new LinkedHashMap<>();
        String cpuinfo = read("/proc/cpuinfo");
        f.put("CPU", field(cpuinfo, "model name").orElse(System.getProperty("os.arch")));
        f.put("CPUs", Runtime.getRuntime().availableProcessors()
                + (cpuinfo.contains(" hypervisor") ? " vCPUs (virtual machine)" : ""));
        f.put("memory", field(read("/proc/meminfo"), "MemTotal").map(Machine::gibibytes).orElse("?"));
        f.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + field(read("/etc/os-release"), "PRETTY_NAME").map(v -> v.replace("\"", "")).orElse(""));
        f.put("JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        f.put("Python", python == null ? "not found" : pythonVersion(python));
        f.put("load average at start", loadAverage());
        return new Machine(f);
    }

    Machine withLoadAfter() {
        Map<String, String> f = new LinkedHashMap<>(facts);
        f.put("load average at end", loadAverage());
        return new Machine(f);
    }

    String oneLine() {
        return facts.get("CPU") + ", " + facts.get("CPUs") + ", " + facts.get("JDK") + ", " + facts.get("Python")
                + ", load " + facts.get("load average at start");
    }

    static String findOnPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir, program);
            if (!dir.isEmpty() && Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    private static String loadAverage() {
        String[] f = read("/proc/loadavg").trim().split("\\s+");
        return f.length >= 3 ? f[0] + ", " + f[1] + ", " + f[2] + " (1, 5, 15 min)" : "?";
    }

    private static String gibibytes(String memTotal) {
        try {
            long kib = Long.parseLong(memTotal.replace("kB", "").trim());
            return String.format("%.1f GiB", kib / 1024.0 / 1024.0);
        } catch (NumberFormatException e) {
            return memTotal;
        }
    }

    private static java.util.Optional<String> field(String text, String name) {
        try (Stream<String> lines = text.lines()) {
            return lines.filter(l -> l.startsWith(name))
                    .map(l -> l.substring(l.indexOf(l.contains(":") ? ':' : '=') + 1).trim())
                    .findFirst();
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    private static String pythonVersion(String python) {
        try {
            java.lang.Process p = new ProcessBuilder(List.of(python, "--version")).redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
            return v + " (" + python + ")";
        } catch (IOException e) {
            return "unusable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
