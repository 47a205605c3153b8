package dev.mproc.it;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs one conformance-kit class inside a container and prints its counts; the last line is
 * {@code kit: N passed, M failed}. Exit code 0 only when nothing failed and something ran.
 */
public final class KitRunner {

    private KitRunner() {
    }

    /**
     * @param args the kit class to run
     * @throws ClassNotFoundException if the class is not on the class path
     */
    public static void main(String[] args) throws ClassNotFoundException {
        Class<?> kit = Class.forName(args[0]);
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(kit)).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        PrintWriter out = new PrintWriter(System.out, true);
        summary.printFailuresTo(out, 20);
        long failed = summary.getTestsFailedCount() + summary.getTestsAbortedCount();
        out.println("kit: " + summary.getTestsSucceededCount() + " passed, " + failed + " failed");
        out.flush();
        System.exit(failed == 0 && summary.getTestsSucceededCount() > 0 ? 0 : 1);
    }
}
