package dev.mproc.internal.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;

/**
 * An {@link ObjectInputStream} that resolves classes through one chosen loader. The default resolution
 * uses the nearest user-defined loader on the call stack, which inside mproc is the library's own loader
 * and cannot see classes of an application that set a thread context loader (containers, plugin hosts).
 */
final class CodecObjectInputStream extends ObjectInputStream {

    private final ClassLoader loader;

    /**
     * @param in the serialized stream, starting at the stream header
     * @param loader the loader to resolve classes with; {@code null} means the bootstrap loader
     * @throws IOException if the stream header is missing or malformed
     */
    CodecObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
        super(in);
        this.loader = loader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws ClassNotFoundException {
        String name = desc.getName();
        try {
            // initialize=false: a class named by the stream must not run its static initializer before the
            // filter has seen it.
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            Class<?> primitive = primitive(name);
            if (primitive != null) {
                return primitive;
            }
            throw e;
        }
    }

    // Class objects for primitives (e.g. int.class as a field value) are written by name, which forName
    // does not understand.
    private static Class<?> primitive(String name) {
        switch (name) {
            case "boolean": return boolean.class;
            case "byte": return byte.class;
            case "char": return char.class;
            case "short": return short.class;
            case "int": return int.class;
            case "long": return long.class;
            case "float": return float.class;
            case "double": return double.class;
            case "void": return void.class;
            default: return null;
        }
    }
}
