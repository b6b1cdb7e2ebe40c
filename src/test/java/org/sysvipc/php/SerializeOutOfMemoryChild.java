package org.sysvipc.php;

import java.util.Collections;

/** Serializes a value of 100 MiB in a child JVM whose heap is smaller, and prints the error's message. */
public final class SerializeOutOfMemoryChild {
    private SerializeOutOfMemoryChild() {
    }

    /**
     * Prints {@code OutOfMemoryError: <message>}, or {@code serialized} if it fitted.
     *
     * @param args none
     */
    public static void main(String[] args) {
        byte[] mebibyte = new byte[1 << 20];
        try {
            PhpSerializer.standard().serialize(Collections.nCopies(100, mebibyte));
            System.out.println("serialized");
        } catch (OutOfMemoryError e) {
            System.out.println("OutOfMemoryError: " + e.getMessage());
        }
    }
}
