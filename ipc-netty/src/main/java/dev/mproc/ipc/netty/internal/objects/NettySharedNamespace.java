package dev.mproc.ipc.netty.internal.objects;

import dev.mproc.shared.SharedNamespace;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The proxy of a manager's namespace, which at the owner is a {@link MapObject} keyed by attribute names.
 */
final class NettySharedNamespace extends ManagerContainer implements SharedNamespace {
    private static final long serialVersionUID = 1L;

    /**
     * @param ref the namespace's handle
     * @param client the client of the manager's owner
     */
    NettySharedNamespace(Ref ref, ObjectClient client) {
        super(ref, client);
    }

    @Override
    public Object get(String name) {
        return ManagerProtocol.value(call(MapObject.GET, ManagerProtocol.args(ManagerProtocol.encode(name, "name"))));
    }

    @Override
    public void set(String name, Object value) {
        byte[] n = ManagerProtocol.encode(name, "name");
        call(MapObject.PUT, ManagerProtocol.args(n, ManagerProtocol.encode(value, "value")));
    }

    @Override
    public Object remove(String name) {
        return ManagerProtocol.value(call(MapObject.REMOVE, ManagerProtocol.args(ManagerProtocol.encode(name, "name"))));
    }

    @Override
    public Map<String, Object> snapshot() {
        ByteBuffer data = call(MapObject.SNAPSHOT);
        int n = data.getInt();
        Map<String, Object> copy = new LinkedHashMap<>(Math.max(16, (int) (n / 0.75f) + 1));
        for (int i = 0; i < n; i++) {
            String name = (String) ManagerProtocol.CODEC.decode(ManagerProtocol.field(data));
            copy.put(name, ManagerProtocol.CODEC.decode(ManagerProtocol.field(data)));
        }
        return copy;
    }
}
