package dev.mproc.spawn.posix;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the detached stages of a {@link DaemonService} need, passed on their command lines as
 * {@code key=value} words, then {@code --} and the service's own arguments. Nothing in it is secret.
 */
record ServiceConfig(String serviceClass, Path pidFile, Path stdout, Path stderr, int umask, Path workingDirectory,
        Path java, String classPath, List<String> jvmOptions, Duration stopTimeout, Path readySocket,
        List<String> serviceArgs) {

    private static final Path DEV_NULL = Path.of("/dev/null");

    ServiceConfig {
        jvmOptions = List.copyOf(jvmOptions);
        serviceArgs = List.copyOf(serviceArgs);
    }

    ServiceConfig withReadySocket(Path socket) {
        return new ServiceConfig(serviceClass, pidFile, stdout, stderr, umask, workingDirectory, java, classPath,
                jvmOptions, stopTimeout, socket, serviceArgs);
    }

    /** @return the command that runs one stage ({@code detach} or {@code run}) of the service's launch */
    List<String> command(String stage) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(ServiceLauncher.class.getName());
        cmd.add(stage);
        cmd.add("service=" + serviceClass);
        cmd.add("pidFile=" + pidFile);
        cmd.add("stdout=" + stdout);
        cmd.add("stderr=" + stderr);
        cmd.add("umask=" + Integer.toOctalString(umask));
        cmd.add("dir=" + workingDirectory);
        cmd.add("java=" + java);
        cmd.add("classPath=" + classPath);
        for (String option : jvmOptions) {
            cmd.add("jvm=" + option);
        }
        cmd.add("stopMillis=" + stopTimeout.toMillis());
        cmd.add("ready=" + (readySocket == null ? "" : readySocket.toString()));
        cmd.add("--");
        cmd.addAll(serviceArgs);
        return cmd;
    }

    /** @return whether output goes nowhere */
    static boolean discards(Path log) {
        return log.equals(DEV_NULL);
    }

    /**
     * @param words what {@link #command} put after the stage
     * @return the configuration
     */
    static ServiceConfig parse(List<String> words) {
        String service = null;
        Path pid = null;
        Path out = DEV_NULL;
        Path err = DEV_NULL;
        int mask = 022;
        Path dir = Path.of("/");
        Path javaPath = null;
        String cp = "";
        List<String> jvm = new ArrayList<>();
        Duration stop = Duration.ofSeconds(10);
        Path ready = null;
        int i = 0;
        for (; i < words.size() && !words.get(i).equals("--"); i++) {
            String w = words.get(i);
            int eq = w.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("expected key=value, got " + w);
            }
            String value = w.substring(eq + 1);
            switch (w.substring(0, eq)) {
                case "service" -> service = value;
                case "pidFile" -> pid = Path.of(value);
                case "stdout" -> out = Path.of(value);
                case "stderr" -> err = Path.of(value);
                case "umask" -> mask = Integer.parseInt(value, 8);
                case "dir" -> dir = Path.of(value);
                case "java" -> javaPath = Path.of(value);
                case "classPath" -> cp = value;
                case "jvm" -> jvm.add(value);
                case "stopMillis" -> stop = Duration.ofMillis(Long.parseLong(value));
                case "ready" -> ready = value.isEmpty() ? null : Path.of(value);
                default -> throw new IllegalArgumentException("unknown setting " + w);
            }
        }
        List<String> args = i < words.size() ? words.subList(i + 1, words.size()) : List.of();
        if (service == null || pid == null || javaPath == null) {
            throw new IllegalArgumentException("service, pidFile and java are required: " + words);
        }
        return new ServiceConfig(service, pid, out, err, mask, dir, javaPath, cp, jvm, stop, ready, args);
    }
}
