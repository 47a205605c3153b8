package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.ipc.netty.internal.Wire;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A barrier's parties at its owner.
 *
 * <p>Parties of the current pass park here in arrival order. When the last arrives, the pass completes: without an
 * action every party is answered PASSED at once; with an action (which lives in the proxies, as user code the owner
 * never runs) the last party is answered RUN_ACTION, runs it in its own process and reports with ACTION_DONE, and
 * only then are the others answered. While an action runs, the parties of that pass have all arrived: their
 * timeouts no longer count, and only the action's failure or its runner's death breaks the pass. Parties arriving
 * meanwhile wait in {@code early} and enter the next pass once the action is done, as in Python, where the action
 * runs under the barrier's lock and holds them back.
 *
 * <p>Breaking answers BROKEN to every parked party, except the one whose timeout or interruption caused it, which
 * gets TIMEOUT or CANCELLED.
 */
final class BarrierObject implements ServerObject {

    /** Op: arrive and wait (argument: timeout); answers OK with {@code [outcome, index, pass]}, TIMEOUT, CANCELLED. */
    static final byte WAIT = 10;
    /** Op: the runner's report (arguments: pass, succeeded); answers OK with {@code [outcome]}. */
    static final byte ACTION_DONE = 11;
    /** Op: how many parties wait; answers an int. */
    static final byte WAITING = 12;
    /** Op: is it broken; answers one byte. */
    static final byte IS_BROKEN = 13;
    /** Op: break the barrier. */
    static final byte ABORT = 14;
    /** Op: break the current pass, then make the barrier usable again. */
    static final byte RESET = 15;

    /** Outcome: the caller passed. */
    static final byte PASSED = 0;
    /** Outcome: the caller arrived last and must run the action, then report ACTION_DONE. */
    static final byte RUN_ACTION = 1;
    /** Outcome: the barrier is broken. */
    static final byte BROKEN = 2;

    private record Party(Request request, int index) {
    }

    /** A party that arrived while an action ran. */
    private record Early(Request request, boolean noWait) {
    }

    /** A pass whose action is running in its last party. */
    private record Pending(long pass, List<Party> parties, Request runner) {
    }

    private final ObjectServer server;
    private final int parties;
    private final boolean hasAction;
    private final List<Party> parked = new ArrayList<>();
    private final List<Early> early = new ArrayList<>();
    private Pending pending;
    private long pass;
    private boolean broken;

    /**
     * @param server the owner's server, for timers
     * @param parties how many parties pass together
     * @param hasAction whether the last party runs an action before the others are released
     */
    BarrierObject(ObjectServer server, int parties, boolean hasAction) {
        this.server = server;
        this.parties = parties;
        this.hasAction = hasAction;
    }

    @Override
    public void handle(Request request, byte op, ByteBuffer args) {
        switch (op) {
            case WAIT -> {
                long nanos = args.getLong();
                if (nanos != 0) {
                    server.park(request, nanos, () -> timedOut(request));
                }
                if (pending != null) {
                    early.add(new Early(request, nanos == 0));
                } else {
                    arrive(request, nanos == 0);
                }
            }
            case ACTION_DONE -> actionDone(request, args.getLong(), args.get() != 0);
            case WAITING -> request.ok(ByteBuffer.allocate(4).putInt(pending != null ? early.size() : parked.size())
                    .array());
            case IS_BROKEN -> request.ok(new byte[] {(byte) (broken ? 1 : 0)});
            case ABORT -> {
                breakBarrier();
                request.ok();
            }
            case RESET -> {
                breakBarrier();
                broken = false;
                request.ok();
            }
            default -> request.fail(Wire.ERR_PROTOCOL, "barrier has no op " + op);
        }
    }

    private void arrive(Request request, boolean noWait) {
        if (broken) {
            answer(request, BROKEN, 0, pass);
            return;
        }
        int index = parked.size();
        if (index < parties - 1) {
            if (noWait) {
                request.timeout();
                breakBarrier();
            } else {
                parked.add(new Party(request, index));
            }
            return;
        }
        List<Party> passing = new ArrayList<>(parked);
        parked.clear();
        long thisPass = pass++;
        if (hasAction) {
            pending = new Pending(thisPass, passing, request);
            answer(request, RUN_ACTION, index, thisPass);
        } else {
            release(passing, thisPass);
            answer(request, PASSED, index, thisPass);
        }
    }

    private void actionDone(Request request, long donePass, boolean succeeded) {
        Pending p = pending;
        if (p == null || p.pass != donePass || p.runner.session() != request.session()) {
            // Only an undo after an interrupted wait can report a pass that is no longer pending.
            answer(request, BROKEN, 0, donePass);
            return;
        }
        pending = null;
        if (succeeded) {
            release(p.parties, p.pass);
            answer(request, PASSED, 0, p.pass);
        } else {
            broken = true;
            for (Party party : p.parties) {
                answer(party.request, BROKEN, 0, p.pass);
            }
            answer(request, BROKEN, 0, p.pass);
        }
        admitEarly();
    }

    private void admitEarly() {
        List<Early> arrivals = new ArrayList<>(early);
        early.clear();
        for (Early e : arrivals) {
            if (pending != null) {
                early.add(e);
            } else if (!e.request.answered()) {
                arrive(e.request, e.noWait);
            }
        }
    }

    private void release(List<Party> passing, long passed) {
        for (Party party : passing) {
            answer(party.request, PASSED, party.index, passed);
        }
    }

    private void timedOut(Request request) {
        // A party of a pending pass has arrived already: its timeout no longer counts.
        if (parked.removeIf(p -> p.request == request) || early.removeIf(e -> e.request == request)) {
            request.timeout();
            breakBarrier();
        }
    }

    /** Breaks the current pass and the barrier; a pass whose action is running is left to finish. */
    private void breakBarrier() {
        broken = true;
        for (Party p : parked) {
            answer(p.request, BROKEN, 0, pass);
        }
        parked.clear();
        for (Early e : early) {
            answer(e.request, BROKEN, 0, pass);
        }
        early.clear();
    }

    private static void answer(Request request, byte outcome, int index, long pass) {
        request.ok(ByteBuffer.allocate(13).put(outcome).putInt(index).putLong(pass).array());
    }

    @Override
    public void cancel(Session session, long requestId) {
        for (Party p : parked) {
            if (p.request.session() == session && p.request.id() == requestId) {
                parked.remove(p);
                p.request.cancelled();
                breakBarrier();
                return;
            }
        }
        for (Early e : early) {
            if (e.request.session() == session && e.request.id() == requestId) {
                early.remove(e);
                e.request.cancelled();
                breakBarrier();
                return;
            }
        }
    }

    @Override
    public void sessionClosed(Session session) {
        boolean partyDied = parked.removeIf(p -> p.request.session() == session)
                | early.removeIf(e -> e.request.session() == session);
        if (pending != null && pending.runner.session() == session) {
            Pending p = pending;
            pending = null;
            broken = true;
            for (Party party : p.parties) {
                answer(party.request, BROKEN, 0, p.pass);
            }
            partyDied = true;
        }
        if (partyDied) {
            breakBarrier();
        }
        admitEarly();
    }

    @Override
    public void dispose() {
        String why = "the barrier was disposed";
        for (Party p : parked) {
            p.request.fail(Wire.ERR_NO_SUCH_OBJECT, why);
        }
        for (Early e : early) {
            e.request.fail(Wire.ERR_NO_SUCH_OBJECT, why);
        }
        if (pending != null) {
            for (Party p : pending.parties) {
                p.request.fail(Wire.ERR_NO_SUCH_OBJECT, why);
            }
        }
        parked.clear();
        early.clear();
        pending = null;
    }
}
