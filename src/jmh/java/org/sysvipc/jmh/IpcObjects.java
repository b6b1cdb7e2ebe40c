package org.sysvipc.jmh;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.sysvipc.IpcObject;

/**
 * The IPC objects a benchmark state created, removed in its {@code @TearDown}; a shutdown hook
 * removes what a failed trial left, so that no run leaves objects in {@code ipcs}.
 */
final class IpcObjects {
    private final Deque<IpcObject> objects = new ArrayDeque<>();
    private final Thread hook = new Thread(this::removeAll, "remove benchmark IPC objects");

    IpcObjects() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Registers an object for removal and returns it. */
    synchronized <T extends IpcObject> T add(T object) {
        objects.push(object);
        return object;
    }

    /** Removes every object, the newest first, and the hook. */
    void close() {
        removeAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway, and finds nothing left
        }
    }

    private synchronized void removeAll() {
        List<IpcObject> newestFirst = List.copyOf(objects);
        objects.clear();
        IpcObject.removeAll(newestFirst);
    }
}
