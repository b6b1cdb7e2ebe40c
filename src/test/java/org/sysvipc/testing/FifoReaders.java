package org.sysvipc.testing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;
import org.sysvipc.Fifo;

/** Opening a FIFO's reading end in a test, where the same thread must then open the writing end. */
public final class FifoReaders {
    private FifoReaders() {
    }

    /** Opens {@code fifo}'s reading end on another thread: it waits until a writer opens the other end. */
    public static CompletableFuture<FileChannel> opening(Fifo fifo) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return fifo.openReader();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }
}
