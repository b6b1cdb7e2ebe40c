package org.sysvipc.tools.soak;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.sysvipc.IpcNotFoundException;
import org.sysvipc.IpcRemovedException;

/**
 * How a worker finds a lane's objects again after the soak removed them: it opens them by key
 * until the soak has recreated them, as any process of an application would.
 */
final class Reopening {
    /** Far longer than the soak takes to recreate an object, even on a loaded machine. */
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private Reopening() {
    }

    /**
     * Calls {@code open} until it returns objects. It may say "not yet" by returning null or by
     * throwing {@link IpcNotFoundException}, {@link IpcRemovedException} or
     * {@link IllegalArgumentException} (objects made but not yet set up).
     *
     * @return what {@code open} returned, or null if {@code stopped} said so first
     * @throws IllegalStateException if {@code what} is not back within a minute
     */
    static <T> T await(String what, Supplier<T> open, BooleanSupplier stopped) {
        long deadline = System.nanoTime() + GIVE_UP_NANOS;
        while (true) {
            try {
                T opened = open.get();
                if (opened != null) {
                    return opened;
                }
            } catch (IpcNotFoundException | IpcRemovedException | IllegalArgumentException notYet) {
                // the soak is between removing and recreating
            }
            if (stopped.getAsBoolean()) {
                return null;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(what + " was not there again within a minute");
            }
            LockSupport.parkNanos(PAUSE_NANOS);
        }
    }
}
