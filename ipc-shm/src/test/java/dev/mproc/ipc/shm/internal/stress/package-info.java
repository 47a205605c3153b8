/**
 * JCStress tests of the memory-ordering claims the shared-memory structures rely on, run over {@link
 * dev.mproc.ipc.shm.internal.Region}s of a real {@code /dev/shm} mapping.
 *
 * <h2>Running</h2>
 * {@code mvn verify} on the {@code ipc-shm} module runs every {@code @JCStressTest} of this module in JCStress's
 * {@code quick} mode, one C2 configuration with randomised scheduling, after the unit tests (the {@code jcstress} execution of {@code exec-maven-plugin} in its
 * POM) and fails the build if any sample shows a {@code FORBIDDEN} outcome or a test errs. The report is written
 * to {@code ipc-shm/target/jcstress-results/}. {@code -Djcstress.skip} skips the run; {@code -Djcstress.configs=auto} runs JCStress's full matrix of compiler configurations, {@code -Djcstress.mode=default}
 * (or {@code tough}, {@code stress}) runs longer for more confidence; {@code -Djcstress.tests=<regexp>} selects
 * tests.
 *
 * <h2>Adding a test</h2>
 * Write a class annotated {@code @JCStressTest} anywhere under {@code dev.mproc.ipc.shm} in this module's test
 * sources; the JCStress annotation processor registers it at test compile time and the run picks it up. A state
 * takes its memory from {@link dev.mproc.ipc.shm.internal.StressRegions#next()} (a zeroed, 64-byte aligned slot of
 * shared memory), lays its words out as the structure under test does, and leaves unlisted outcomes
 * {@code FORBIDDEN} with a catch-all {@code @Outcome(expect = Expect.FORBIDDEN)}.
 */
package dev.mproc.ipc.shm.internal.stress;
