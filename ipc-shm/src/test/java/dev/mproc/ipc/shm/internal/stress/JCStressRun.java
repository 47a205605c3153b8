package dev.mproc.ipc.shm.internal.stress;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs this module's JCStress tests; the {@code jcstress} execution in the module's POM calls it after the unit
 * tests. JCStress exits non-zero when a test shows a {@code FORBIDDEN} outcome or errs, which fails the build.
 *
 * <p>System properties (the POM passes its properties of the same names):
 * <ul>
 *   <li>{@code jcstress.mode}: JCStress's preset, {@code quick} by default; {@code default}, {@code tough} or
 *       {@code stress} sample longer.</li>
 *   <li>{@code jcstress.tests}: a regular expression selecting tests by class name; every test of the module by
 *       default.</li>
 *   <li>{@code jcstress.configs}: {@code c2} (the default) runs one JVM configuration, C2 only with its
 *       scheduling and value-numbering randomised ({@code -XX:+StressLCM/GCM/IGVN/CCP}), both actors compiled
 *       alike (JCStress adds {@code ±UseBiasedLocking} on JDK 17, two runs per test), where reordering
 *       bugs of plain and acquire/release accesses show on x86 within seconds; {@code auto} lets JCStress
 *       run its full matrix of interpreter, C1, C2 and split per-actor compilation (about 25 configurations per
 *       test, minutes).</li>
 *   <li>{@code jcstress.results}: the report directory.</li>
 * </ul>
 */
public final class JCStressRun {

    private static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

    private JCStressRun() {
    }

    /**
     * @param args extra JCStress arguments, appended
     * @throws Exception as JCStress throws it (an {@link AssertionError} listing the failures)
     */
    public static void main(String[] args) throws Exception {
        List<String> a = new ArrayList<>(List.of(
                "-m", System.getProperty("jcstress.mode", "quick"),
                "-t", System.getProperty("jcstress.tests", "dev\\.mproc\\.ipc\\.shm\\."),
                "-r", System.getProperty("jcstress.results", "jcstress-results")));
        String configs = System.getProperty("jcstress.configs", "c2");
        switch (configs) {
            case "c2" -> a.addAll(List.of("-sc", "false", "-jvmArgs", NATIVE_ACCESS + " -XX:+UnlockDiagnosticVMOptions"
                    + " -XX:-TieredCompilation -XX:+StressLCM -XX:+StressGCM -XX:+StressIGVN -XX:+StressCCP"));
            case "auto" -> a.addAll(List.of("-jvmArgsPrepend", NATIVE_ACCESS));
            default -> throw new IllegalArgumentException("jcstress.configs is c2 or auto, not " + configs);
        }
        a.addAll(List.of(args));
        org.openjdk.jcstress.Main.main(a.toArray(String[]::new));
    }
}
