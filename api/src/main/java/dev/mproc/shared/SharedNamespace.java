package dev.mproc.shared;

import dev.mproc.SharedObject;
import java.util.Map;

/**
 * Named attributes held by a {@link Manager} and shared by processes: Python's {@code Manager().Namespace()},
 * whose {@code ns.name = value} is {@code ns.set("name", value)} here. Created by
 * {@link Manager#namespace()}.
 *
 * <p>Each method is one atomic operation. Values cross processes through the context's codec; {@code null}
 * is refused (remove the attribute instead). Each call waits for the manager to answer; it does not react
 * to interruption. After the manager has shut down, every method throws {@link dev.mproc.MprocException}.
 */
public interface SharedNamespace extends SharedObject {

    /**
     * Returns an attribute.
     *
     * @param name the attribute's name
     * @return its value, or {@code null} if it is not set
     * @throws NullPointerException if {@code name} is {@code null}
     */
    Object get(String name);

    /**
     * Sets an attribute.
     *
     * @param name the attribute's name
     * @param value its value
     * @throws NullPointerException if {@code name} or {@code value} is {@code null}
     * @throws dev.mproc.CodecException if the value cannot be encoded; nothing is set
     */
    void set(String name, Object value);

    /**
     * Removes an attribute: Python's {@code del ns.name}.
     *
     * @param name the attribute's name
     * @return the value it had, or {@code null} if it was not set
     * @throws NullPointerException if {@code name} is {@code null}
     */
    Object remove(String name);

    /**
     * Returns a consistent local copy of every attribute, in the order they were first set.
     *
     * @return a new modifiable map from name to value
     */
    Map<String, Object> snapshot();
}
