package dev.mproc.examples.manager;

import dev.mproc.Context;
import dev.mproc.Mproc;
import dev.mproc.Process;
import dev.mproc.shared.Manager;
import dev.mproc.shared.SharedList;
import dev.mproc.shared.SharedMap;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 004, 3. Managers (Managers实现数据共享): three children each decrement {@code count} in a manager's dict and store
 * {@code data**3} under their {@code data}; the parent prints the dict. With seed 002's
 * {@code with Manager() as manager: d = manager.dict(); l = manager.list(range(5))}, here a try-with-resources block.
 */
public final class ManagerDict {

    private ManagerDict() {
    }

    static void processTask(int data, SharedMap<Object, Long> shareData, SharedList<Integer> list) {
        System.out.println(String.format("task %d: pid %d, parent pid %d", data, Mproc.currentProcess().pid(),
                Mproc.parentProcess().orElseThrow().pid()));
        long res = (long) data * data * data;
        shareData.merge("count", -1L, Long::sum); // one atomic step; the seed's "count -= 1" is two
        shareData.put(data, res);
        list.add(data);
        System.out.println(String.format("task %d done: pid %d", data, Mproc.currentProcess().pid()));
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while joining
     */
    public static void main(String[] args) throws InterruptedException {
        Context ctx = Mproc.context();
        try (Manager manager = ctx.manager()) {
            SharedMap<Object, Long> processShareData = manager.map();
            processShareData.put("count", 10L);
            SharedList<Integer> l = manager.list();
            l.addAll(List.of(0, 1, 2, 3, 4));
            System.out.println(String.format("main: pid %d", Mproc.currentProcess().pid()));
            List<Process<Void>> taskList = new ArrayList<>();
            for (int v : List.of(100, 200, 300)) {
                taskList.add(ctx.process(() -> processTask(v, processShareData, l)).start());
            }
            for (Process<Void> t : taskList) {
                t.join();
            }
            System.out.println(processShareData.snapshot());
            System.out.println(l.snapshot());
        }
        System.out.println("why: the dict and the list live in the manager; the children hold handles to them, so"
                + " their changes are the parent's too: count went from 10 to 7 and three entries were added");
    }
}
