package org.sysvipc.testing;

import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.sysvipc.IpcException;
import org.sysvipc.IpcObject;
import org.sysvipc.IpcRemovedException;

/**
 * Removes every IPC object a test registered, after the test, whether it passed or failed.
 * Use as {@code @RegisterExtension final IpcCleanup cleanup = new IpcCleanup();} and
 * {@code var q = cleanup.add(MessageQueue.createPrivate());}.
 */
public final class IpcCleanup implements AfterEachCallback {
    private final Deque<IpcObject> objects = new ArrayDeque<>();

    /** Registers {@code object} for removal after the test and returns it. */
    public synchronized <T extends IpcObject> T add(T object) {
        objects.push(object);
        return object;
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) {
        IpcException first = null;
        while (!objects.isEmpty()) {
            try {
                objects.pop().remove();
            } catch (IpcRemovedException alreadyGone) {
                // the test removed it itself
            } catch (IpcException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
