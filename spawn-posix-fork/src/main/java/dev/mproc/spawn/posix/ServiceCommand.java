package dev.mproc.spawn.posix;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a {@link DaemonService}:
 *
 * <pre>
 * java -cp &lt;class path&gt; dev.mproc.spawn.posix.ServiceCommand start|stop|restart|status
 *     --service &lt;class&gt; --pid-file &lt;file&gt; [--stdout &lt;log&gt;] [--stderr &lt;log&gt;] [--umask &lt;octal&gt;]
 *     [--dir &lt;dir&gt;] [--stop-timeout &lt;seconds&gt;] [--jvm-option &lt;option&gt;]... [-- &lt;service arguments&gt;...]
 * </pre>
 *
 * It prints one line per step and exits with the LSB codes of {@link DaemonService}: 0 done (or running, for
 * {@code status}), 1 failed or already running, 2 bad command line, 3 not running.
 */
public final class ServiceCommand {

    private static final String USAGE = "usage: ServiceCommand start|stop|restart|status --service <class> "
            + "--pid-file <file> [--stdout <log>] [--stderr <log>] [--umask <octal>] [--dir <dir>] "
            + "[--stop-timeout <seconds>] [--jvm-option <option>]... [-- <service arguments>...]";

    private ServiceCommand() {
    }

    /**
     * Runs one command and exits with its code.
     *
     * @param args the command and its options
     */
    public static void main(String[] args) {
        int code;
        try {
            code = parse(args).run(args[0], System.out);
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            System.out.println(e.getMessage() == null ? USAGE : e.getMessage() + "\n" + USAGE);
            code = DaemonService.EXIT_USAGE;
        }
        System.out.flush();
        System.exit(code);
    }

    private static DaemonService parse(String[] args) {
        String service = null;
        Path pidFile = null;
        Path stdout = null;
        Path stderr = null;
        Integer umask = null;
        Path dir = null;
        Duration stopTimeout = null;
        List<String> jvm = new ArrayList<>();
        int i = 1;
        for (; i < args.length && !args[i].equals("--"); i += 2) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args[i + 1];
            switch (option) {
                case "--service" -> service = value;
                case "--pid-file" -> pidFile = Path.of(value);
                case "--stdout" -> stdout = Path.of(value);
                case "--stderr" -> stderr = Path.of(value);
                case "--umask" -> umask = Integer.parseInt(value, 8);
                case "--dir" -> dir = Path.of(value);
                case "--stop-timeout" -> stopTimeout = Duration.ofSeconds(Long.parseLong(value));
                case "--jvm-option" -> jvm.add(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (service == null || pidFile == null) {
            throw new IllegalArgumentException("--service and --pid-file are required");
        }
        DaemonService.Builder b = DaemonService.builder(service, pidFile).jvmOptions(jvm)
                .args(i < args.length ? List.of(args).subList(i + 1, args.length) : List.of());
        if (stdout != null) {
            b.stdout(stdout);
        }
        if (stderr != null) {
            b.stderr(stderr);
        }
        if (umask != null) {
            b.umask(umask);
        }
        if (dir != null) {
            b.workingDirectory(dir);
        }
        if (stopTimeout != null) {
            b.stopTimeout(stopTimeout);
        }
        return b.build();
    }
}
