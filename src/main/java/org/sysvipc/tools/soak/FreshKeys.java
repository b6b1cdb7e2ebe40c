package org.sysvipc.tools.soak;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.sysvipc.IpcAlreadyExistsException;
import org.sysvipc.IpcKey;

/**
 * Keys for the soak's objects: random, and tried with {@code IPC_CREAT | IPC_EXCL}, so that the
 * soak never opens, and so never removes, an object of another program.
 */
final class FreshKeys {
    private static final int ATTEMPTS = 100;

    private FreshKeys() {
    }

    /** {@return what {@code createNew} (which creates exclusively) made under the first random key it could} */
    static <T> T create(Function<IpcKey, T> createNew) {
        for (int i = 0; i < ATTEMPTS; i++) {
            int value = ThreadLocalRandom.current().nextInt();
            if (value == 0 || value == -1) {
                continue; // IPC_PRIVATE, and the key a failed ftok gives
            }
            try {
                return createNew.apply(IpcKey.of(value));
            } catch (IpcAlreadyExistsException taken) {
                // another program's; try another
            }
        }
        throw new IllegalStateException("no free key in " + ATTEMPTS + " random tries");
    }

    /** {@return {@code key} as a worker's argument} */
    static String argument(IpcKey key) {
        return Integer.toString(key.value());
    }
}
