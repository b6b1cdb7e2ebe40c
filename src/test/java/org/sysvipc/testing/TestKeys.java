package org.sysvipc.testing;

import java.util.concurrent.ThreadLocalRandom;
import org.sysvipc.IpcKey;

/**
 * Keys for tests that need a named object. Pair each with {@code OpenMode.CREATE_NEW}: a key some
 * other program uses then fails the create instead of touching that program's object.
 */
public final class TestKeys {
    private TestKeys() {
    }

    /** A random non-private key in a range ({@code 0x5e5e....}) reserved for these tests by convention. */
    public static IpcKey random() {
        return IpcKey.of(0x5e5e0000 | ThreadLocalRandom.current().nextInt(1, 0x10000));
    }
}
