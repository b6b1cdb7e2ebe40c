package org.sysvipc.tools.soak;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ObjLongConsumer;
import org.sysvipc.channel.Channel;

/**
 * Removes a {@link Channel} without destroying a message it accepted, by reading its header and
 * records as docs/channel.md specifies them: a channel has no call that stops its producers or
 * hands over what is left. In order:
 *
 * <ol>
 * <li>take the producers' claim lock for good (from a holder that is certainly dead, if need be):
 *     no send claims room any more, and every claim made before has moved the tail already;</li>
 * <li>{@link Channel#remove()}: sleepers wake with {@code IpcRemovedException}, and every later
 *     send, and every receive that finds the ring empty, throws it;</li>
 * <li>wait until the consumer has let go of its role or died, and take the role, so that no
 *     consumer opened later on the old channel takes a message: the head no longer moves;</li>
 * <li>pass each committed message between the head and the tail to {@code drained}; skip padding,
 *     records of type 0, and records whose writer died before committing them (abandoned, counted).
 *     A record a live writer is still writing is waited for: its copy never waits.</li>
 * </ol>
 *
 * So a message whose send returned is in the ring until consumed, and the consumer or this
 * removal logs it; a record left uncommitted by a killed producer is the one message that
 * producer had not confirmed.
 */
final class ChannelRemoval {
    // docs/channel.md, "The header" and "Records"
    private static final long CLAIM_LOCK = 128, TAIL = 136, HEAD = 256, CONSUMER = 288, CONSUMER_START = 296;
    private static final long RING = 1024;
    private static final int RECORD_HEADER = 24, RECORD_PID = 4, RECORD_TYPE = 16;
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();
    private static final long PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    /** What a removal found in the ring. */
    record Remnants(long messages, long abandoned) {
    }

    private final MemorySegment segment;
    private final long capacity;
    private final long word;
    private final Duration patience;

    /**
     * @param segment  the channel's whole segment, attached in this process
     * @param word     this process's word (docs/channel.md, "process identity")
     * @param patience how long a live holder of the lock or the consumer role may take to let go
     */
    ChannelRemoval(MemorySegment segment, long capacity, long word, Duration patience) {
        this.segment = segment;
        this.capacity = capacity;
        this.word = word;
        this.patience = patience;
    }

    /** {@return this process's word: the inode of its PID namespace in the high half, its pid in the low} */
    static long currentProcessWord() {
        try {
            String link = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString(); // pid:[4026531836]
            long namespace = Long.parseLong(link.substring(link.indexOf('[') + 1, link.indexOf(']')));
            return namespace << 32 | ProcessHandle.current().pid();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read this process's PID namespace from /proc/self/ns/pid", e);
        }
    }

    /** Removes {@code channel} as the class says, passing every message left in it to {@code drained}. */
    Remnants remove(Channel channel, ObjLongConsumer<MemorySegment> drained) {
        takeOver(CLAIM_LOCK, "the claim lock");
        channel.remove();
        INT.setVolatile(segment, CONSUMER_START, 0); // "do not check": as ConsumerRole's takers do
        takeOver(CONSUMER, "the consumer role");
        return drain(drained);
    }

    /** Sets the word at {@code offset} from 0, or from a certainly dead process's word, to this process's. */
    private void takeOver(long offset, String what) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            long holder = (long) LONG.getAcquire(segment, offset);
            if (holder == word) {
                return;
            }
            if ((holder == 0 || isCertainlyDead((int) holder)) && LONG.compareAndSet(segment, offset, holder, word)) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(what + " of the channel stayed with process " + (int) holder
                        + " for " + patience.toSeconds() + " s; it was:" + HolderReport.of((int) holder));
            }
            LockSupport.parkNanos(PAUSE_NANOS);
        }
    }

    private Remnants drain(ObjLongConsumer<MemorySegment> drained) {
        long head = (long) LONG.getAcquire(segment, HEAD);
        long tail = (long) LONG.getAcquire(segment, TAIL);
        if (tail - head < 0 || tail - head > capacity) {
            throw new IllegalStateException("the channel's head " + head + " and tail " + tail + " are not a ring's");
        }
        long messages = 0, abandoned = 0;
        while (head != tail) {
            long offset = RING + (head & (capacity - 1));
            int length = awaitCommitted(offset);
            if ((int) INT.getAcquire(segment, offset + RECORD_PID) == 0) { // padding to the ring's end
                head += length;
                continue;
            }
            int size = Math.abs(length);
            if (size < RECORD_HEADER || offset + size > RING + capacity) {
                throw new IllegalStateException("a record length of " + length + " at offset " + offset);
            }
            if (length < 0) {
                abandoned++;
            } else if (segment.get(ValueLayout.JAVA_LONG, offset + RECORD_TYPE) != 0) {
                drained.accept(segment.asSlice(offset + RECORD_HEADER, size - RECORD_HEADER), size - RECORD_HEADER);
                messages++;
            }
            head += (size + 7) & ~7;
        }
        return new Remnants(messages, abandoned);
    }

    /** {@return the record's length once committed (positive), or negative if its writer died first} */
    private int awaitCommitted(long offset) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            int length = (int) INT.getAcquire(segment, offset);
            if (length >= 0) {
                return length;
            }
            int writer = (int) INT.getAcquire(segment, offset + RECORD_PID);
            if (isCertainlyDead(writer)) {
                return (int) INT.getAcquire(segment, offset); // committed just before it died, or not
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("process " + writer + " did not commit its record at offset " + offset
                        + " within " + patience.toSeconds() + " s");
            }
            LockSupport.parkNanos(PAUSE_NANOS);
        }
    }

    /** {@return whether the process is gone or a zombie; the soak's workers share its PID namespace} */
    static boolean isCertainlyDead(int pid) {
        if (pid <= 0) {
            return false;
        }
        try {
            String stat = new String(Files.readAllBytes(Path.of("/proc", Integer.toString(pid), "stat")),
                    StandardCharsets.ISO_8859_1);
            int close = stat.lastIndexOf(')');
            char state = close >= 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
            return state == 'Z' || state == 'X' || state == 'x';
        } catch (NoSuchFileException gone) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
