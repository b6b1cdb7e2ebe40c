package org.sysvipc.tools.soak;

import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

/**
 * Lets the soak's own thread and its shutdown hook (Ctrl-C, SIGTERM) take turns: what creates or
 * removes objects or starts processes runs while the soak is open, one at a time, and once the
 * hook has closed it, nothing more is created or started, so that nothing outlives the cleanup.
 */
final class Lifecycle {
    private boolean closed;

    /**
     * Runs {@code action} while open and returns its result.
     *
     * @throws CancellationException if the soak is closed
     */
    synchronized <T> T ifOpen(Supplier<T> action) {
        if (closed) {
            throw new CancellationException("the soak is ending");
        }
        return action.get();
    }

    /**
     * Runs {@code action} while open.
     *
     * @throws CancellationException if the soak is closed
     */
    void ifOpen(Runnable action) {
        ifOpen(() -> {
            action.run();
            return null;
        });
    }

    /** Closes, running {@code cleanup} first, unless closed already; returns whether it closed now. */
    synchronized boolean close(Runnable cleanup) {
        if (closed) {
            return false;
        }
        closed = true;
        cleanup.run();
        return true;
    }

    synchronized boolean isClosed() {
        return closed;
    }
}
