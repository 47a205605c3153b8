package dev.mproc.ipc.netty.internal.objects;

import java.io.Serializable;

/**
 * Where a shared object lives: its owner's object-server address and its id there. This is all a handle carries
 * across processes.
 *
 * @param address the owner's object server, for example {@code unix:/tmp/mproc-123/obj.sock}
 * @param id the object's id at that server
 */
public record Ref(String address, long id) implements Serializable {
    private static final long serialVersionUID = 1L;
}
