package dev.mproc.ipc.netty.internal.objects;

import java.io.Serializable;

/**
 * Base of every proxy: a handle ({@link Ref}) plus this process's client of the owner, found on first use after
 * the handle arrived. Serializing a proxy sends the handle and the proxy's own immutable parameters, never state.
 */
public abstract class RemoteObject implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final byte[] NO_ARGS = new byte[0];

    /** The owner's address and the object's id. */
    protected final Ref ref;
    private transient volatile ObjectClient client;

    /**
     * @param ref where the object lives
     * @param client this process's client of the owner (the owner's local client when just created)
     */
    protected RemoteObject(Ref ref, ObjectClient client) {
        this.ref = ref;
        this.client = client;
    }

    /** @return the client of the owner, connecting on first use in a process that received this handle */
    protected final ObjectClient client() {
        ObjectClient c = client;
        if (c == null) {
            c = Clients.forAddress(ref.address());
            client = c;
        }
        return c;
    }

    /** @return an empty argument list */
    protected static byte[] noArgs() {
        return NO_ARGS;
    }

    /** @return the handle */
    public final Ref ref() {
        return ref;
    }

    @Override
    public final boolean equals(Object o) {
        return o instanceof RemoteObject r && r.getClass() == getClass() && r.ref.equals(ref);
    }

    @Override
    public final int hashCode() {
        return ref.hashCode();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + ref.address() + "#" + ref.id() + "]";
    }
}
