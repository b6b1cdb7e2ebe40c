package org.sysvipc.tools.soak;

import java.util.function.Supplier;
import org.sysvipc.IpcRemovedException;

/**
 * Runs a worker's blocking calls, each marked in its {@link WorkerSlot} while it runs (see
 * {@link CallWord}), so that the soak can interrupt it with a signal and learn how it ended. A
 * call that fails in any other way leaves its mark, and the worker ends with that failure.
 */
final class BlockingCalls {
    private final WorkerSlot slot;

    BlockingCalls(WorkerSlot slot) {
        this.slot = slot;
    }

    /** Runs {@code call}, a blocking call of {@code kind}, and returns its result. */
    <T> T call(CallKind kind, Supplier<T> call) {
        slot.beginCall(kind);
        T result;
        try {
            result = call.get();
        } catch (IpcRemovedException removed) {
            slot.endCall(false);
            throw removed;
        }
        slot.endCall(true);
        return result;
    }

    /** Runs {@code call}, a blocking call of {@code kind}. */
    void run(CallKind kind, Runnable call) {
        call(kind, () -> {
            call.run();
            return null;
        });
    }
}
