package dev.mproc.examples;

import java.util.Objects;

/**
 * One program of the tour: a class with a {@code main} method, run in its own JVM.
 *
 * @param name the name the tour knows it by, for example {@code daemon-and-non-daemon}
 * @param group the group of the seed texts it belongs to, for example {@code daemon}
 * @param mainClass the class whose {@code main} runs
 * @param title what it shows, in a few words
 * @param seeds which seed programs it is (the files in {@code seeds/} and their sections)
 * @param expectedExit the exit code of a successful run: 0, except where the example ends by a signal on purpose
 */
public record Example(String name, String group, Class<?> mainClass, String title, String seeds, int expectedExit) {

    /** Checks the fields. */
    public Example {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(mainClass, "mainClass");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(seeds, "seeds");
    }
}
