package dev.mproc.examples.pool;

import dev.mproc.Mproc;
import dev.mproc.pool.Pool;
import dev.mproc.pool.PoolOptions;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Seed 002, 四、进程池 (2、map和imap方法): {@code map} returns the list of results, {@code imap} an iterator over them.
 */
public final class PoolMapImap {

    private PoolMapImap() {
    }

    static String func(String name) {
        return name.toUpperCase(Locale.ROOT);
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting for the pool
     */
    public static void main(String[] args) throws InterruptedException {
        List<String> names = List.of("kel", "simle");
        try (Pool p = Mproc.context().pool(PoolOptions.builder().processes(3).build())) {
            System.out.println(p.map(PoolMapImap::func, names));
            Iterator<String> it = p.imap(PoolMapImap::func, names, 1);
            System.out.println(it);
            for (Iterator<String> i = p.imap(PoolMapImap::func, names, 1); i.hasNext(); ) {
                System.out.println(i.next());
            }
            it.forEachRemaining(r -> { }); // the first iterator's results, never read
        }
        System.out.println("why: map() waits for every result and returns them as a list; imap() returns at once an"
                + " iterator whose next() waits for each result in input order");
    }
}
