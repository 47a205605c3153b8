/**
 * The examples tour: every program of the seed texts on Python's {@code multiprocessing}, written the mproc way, and
 * the main demo. {@link dev.mproc.examples.Tour} lists and runs them; {@link dev.mproc.examples.Catalog} says which
 * seed program each one is. The sub-packages follow the seeds' topics: {@code create}, {@code pid},
 * {@code isolation}, {@code join}, {@code daemon}, {@code pool}, {@code queue}, {@code pipe}, {@code manager},
 * {@code sync}, {@code shared}, {@code executor}.
 *
 * <p>Conventions: each example prints what the seed's output shows, with real pids and timings, and ends with a line
 * {@code why: …} that explains the order of its output. Examples print whole lines with {@code println}:
 * {@code printf} writes a line in several pieces, and pieces from several processes sharing one terminal interleave.
 * The seeds' sleeps are scaled by {@link dev.mproc.examples.Pace#SCALE} except where their length decides what the
 * example shows.
 */
package dev.mproc.examples;
