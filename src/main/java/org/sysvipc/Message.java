package org.sysvipc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A message received from a {@link MessageQueue}: its type and its bytes.
 *
 * <p>A received message's array is its own: the receive copies the bytes out of native memory
 * once, into it, and {@link #data()} returns it without copying again. The record does not copy
 * arrays: a message made with {@code new Message(type, bytes)} shares {@code bytes}.
 *
 * @param type the message's type, always positive
 * @param data the message's bytes (records compare its contents)
 */
public record Message(long type, byte[] data) {
    /**
     * Checks the type.
     *
     * @param type the message's type
     * @param data the message's bytes
     * @throws IllegalArgumentException if type is not positive
     * @throws NullPointerException     if data is null
     */
    public Message {
        if (type <= 0) {
            throw new IllegalArgumentException("a message type must be positive, was " + type);
        }
        Objects.requireNonNull(data, "data");
    }

    /**
     * {@return the message's length in bytes}
     */
    public int length() {
        return data.length;
    }

    /**
     * {@return the bytes decoded as UTF-8}
     */
    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    /**
     * {@return whether {@code other} is a message of the same type with the same bytes}
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Message m && m.type == type && Arrays.equals(m.data, data);
    }

    /**
     * {@return a hash of the type and the bytes}
     */
    @Override
    public int hashCode() {
        return Long.hashCode(type) * 31 + Arrays.hashCode(data);
    }

    /**
     * {@return the type, length and up to 32 leading bytes in hex}
     */
    @Override
    public String toString() {
        int shown = Math.min(data.length, 32);
        return "Message[type=" + type + ", length=" + data.length + ", data="
                + HexFormat.of().formatHex(data, 0, shown) + (shown < data.length ? "...]" : "]");
    }
}
