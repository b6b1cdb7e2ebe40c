package org.sysvipc.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sysvipc.IpcNotFoundException;
import org.sysvipc.MessageQueue;
import org.sysvipc.SemaphoreSet;
import org.sysvipc.SharedMemory;
import org.sysvipc.channel.Channel;

/**
 * The child's side: the parameters and the parent's objects, named as {@code q<id>},
 * {@code s<id>}, {@code m<id>}, {@code c<segment id>} (a channel) or a path. A failing child removes them, which wakes a parent
 * blocked on one of them.
 */
final class Peer {
    final long n;
    final long warmup;
    final int size;
    private final String[] objects;

    Peer(long n, int size, String[] objects) {
        this.n = n;
        this.warmup = n / 10;
        this.size = size;
        this.objects = objects;
    }

    MessageQueue queue() {
        return MessageQueue.ofId(id('q'));
    }

    SemaphoreSet semaphores() {
        return SemaphoreSet.ofId(id('s'));
    }

    SharedMemory memory() {
        return SharedMemory.ofId(id('m'));
    }

    /** The segment id of the {@code index}th object, a channel named {@code c<segment id>}. */
    int channelId(int index) {
        if (objects[index].charAt(0) != 'c') {
            throw new BenchFailure("object " + index + " passed to the child is not a channel: " + objects[index]);
        }
        return Integer.parseInt(objects[index].substring(1));
    }

    Path path(int index) {
        return Path.of(objects[index]);
    }

    private int id(char kind) {
        for (String object : objects) {
            if (object.charAt(0) == kind) {
                return Integer.parseInt(object.substring(1));
            }
        }
        throw new BenchFailure("no object of kind " + kind + " was passed to the child");
    }

    /** Removes what the parent shared; what is already gone is skipped. */
    void removeShared(Throwable cause) {
        for (String object : objects) {
            try {
                switch (object.charAt(0)) {
                    case 'q' -> MessageQueue.ofId(Integer.parseInt(object.substring(1))).remove();
                    case 's' -> SemaphoreSet.ofId(Integer.parseInt(object.substring(1))).remove();
                    case 'm' -> SharedMemory.ofId(Integer.parseInt(object.substring(1))).remove();
                    case 'c' -> {
                        try (Channel channel = Channel.ofId(Integer.parseInt(object.substring(1)))) {
                            channel.remove();
                        }
                    }
                    default -> Files.deleteIfExists(Path.of(object)); // the peer's exit ends the parent's read
                }
            } catch (IpcNotFoundException gone) {
                // the parent removed it first
            } catch (IOException | RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
    }

    /** How the parent names a queue, set or segment on the child's command line. */
    static String name(MessageQueue queue) {
        return "q" + queue.id();
    }

    static String name(SemaphoreSet set) {
        return "s" + set.id();
    }

    static String name(SharedMemory memory) {
        return "m" + memory.id();
    }
}
