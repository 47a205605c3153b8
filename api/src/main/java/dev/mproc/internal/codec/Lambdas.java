package dev.mproc.internal.codec;

import dev.mproc.CodecException;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Serializable lambdas without {@link java.io.ObjectOutputStream}: a lambda is its {@link SerializedLambda} — a
 * handful of names and the captured arguments — so the codec writes those directly and, to decode, rebuilds the
 * {@code SerializedLambda} and hands it to the capturing class's {@code $deserializeLambda$}, exactly what
 * {@code SerializedLambda.readResolve} does. This skips Java serialization's stream machinery, which costs a
 * freshly started child several milliseconds and every pool task some microseconds. Captured arguments are encoded
 * by the codec itself, so they get the compact form or, through Java serialization, the deserialization filter.
 */
final class Lambdas {

    private static final Method NONE;

    static {
        try {
            NONE = Object.class.getDeclaredMethod("toString");
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A serializable lambda's {@code writeReplace}, or {@link #NONE}. */
    private static final ClassValue<Method> WRITE_REPLACE = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            if (!Serializable.class.isAssignableFrom(type) || !type.isSynthetic()) {
                return NONE;
            }
            try {
                Method m = type.getDeclaredMethod("writeReplace");
                m.setAccessible(true);
                return m;
            } catch (NoSuchMethodException | RuntimeException e) {
                return NONE;
            }
        }
    };

    /** A capturing class's {@code $deserializeLambda$}, or {@link #NONE}. */
    private static final ClassValue<Method> DESERIALIZE = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            try {
                Method m = type.getDeclaredMethod("$deserializeLambda$", SerializedLambda.class);
                m.setAccessible(true);
                return m;
            } catch (NoSuchMethodException | RuntimeException e) {
                return NONE;
            }
        }
    };

    private Lambdas() {
    }

    /**
     * @param value any object
     * @return its {@link SerializedLambda} if it is a serializable lambda, else {@code null}
     */
    static SerializedLambda serializedForm(Object value) {
        if (value == null) {
            return null;
        }
        Method writeReplace = WRITE_REPLACE.get(value.getClass());
        if (writeReplace == NONE) {
            return null;
        }
        try {
            Object replaced = writeReplace.invoke(value);
            return replaced instanceof SerializedLambda s ? s : null;
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }

    /**
     * Rebuilds a lambda.
     *
     * @param capturing the class that defined it
     * @param form its serialized form
     * @return the lambda
     */
    static Object resolve(Class<?> capturing, SerializedLambda form) {
        Method deserialize = DESERIALIZE.get(capturing);
        if (deserialize == NONE) {
            throw new CodecException("cannot decode a lambda of " + capturing.getName()
                    + ": the class has no serializable lambdas");
        }
        try {
            return deserialize.invoke(null, form);
        } catch (IllegalAccessException e) {
            throw new CodecException("cannot decode a lambda of " + capturing.getName() + ": " + e, e);
        } catch (InvocationTargetException e) {
            throw new CodecException("cannot decode a lambda of " + capturing.getName() + " ("
                    + form.getImplMethodName() + "): " + e.getCause(), e.getCause());
        }
    }
}
