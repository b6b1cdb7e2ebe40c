package org.sysvipc.channel;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs a task on a thread of its own: the common pool has one worker on a 2-CPU machine, so two
 * tasks that block there would run one after the other, or never.
 */
final class Async {
    private Async() {
    }

    static <T> CompletableFuture<T> supply(Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(task.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "channel-test-task");
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    static CompletableFuture<Void> run(Runnable task) {
        return supply(() -> {
            task.run();
            return null;
        });
    }
}
