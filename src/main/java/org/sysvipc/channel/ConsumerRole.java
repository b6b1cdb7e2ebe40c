package org.sysvipc.channel;

import static org.sysvipc.channel.Layout.*;

import java.lang.invoke.VarHandle;

/**
 * The consumer field of the header: who consumes, so that there is one consumer at a time and a
 * dead one can be replaced. The field holds the consumer's process as a {@link ProcessIdentity#word()}
 * (claimed with a compare-and-set), and beside it the low bits of its start time, which is 0
 * whenever it might not be the holder's own: a taker clears it before its compare-and-set and
 * writes its own after, a leaver clears it before letting go. A start time of 0 skips the pid-reuse
 * check, so no race can make a live consumer look dead.
 */
final class ConsumerRole {
    private ConsumerRole() {
    }

    /**
     * Makes {@code identity} the consumer, taking over from a holder that is certainly dead.
     *
     * @throws ChannelBusyException if a live holder (or one whose liveness cannot be judged) has it
     * @throws org.sysvipc.IpcRemovedException if the semaphore set was removed as a dead holder's role
     *                                         was taken over; the role is let go again
     */
    static void claim(Ring ring, long identity, String channel) {
        while (true) {
            long holder = (long) LONG.getAcquire(ring.segment, CONSUMER_OFFSET);
            if (holder == 0) {
                if (LONG.compareAndSet(ring.segment, CONSUMER_OFFSET, 0L, identity)) {
                    break;
                }
                continue;
            }
            int start = (int) INT.getAcquire(ring.segment, CONSUMER_START_OFFSET);
            if ((long) LONG.getAcquire(ring.segment, CONSUMER_OFFSET) != holder) {
                continue; // changed while the start time was read
            }
            ProcessIdentity consumer = new ProcessIdentity(ProcessIdentity.pidOf(holder),
                    ProcessIdentity.namespaceOf(holder), start);
            ProcessIdentity.Liveness liveness = holder == identity ? ProcessIdentity.Liveness.ALIVE : consumer.liveness();
            if (liveness != ProcessIdentity.Liveness.DEAD) {
                throw new ChannelBusyException(channel, consumer.pid(), holder == identity ? "this process"
                        : liveness == ProcessIdentity.Liveness.ALIVE ? "alive"
                        : "in another PID namespace, or /proc cannot tell");
            }
            INT.setVolatile(ring.segment, CONSUMER_START_OFFSET, 0);
            if (LONG.compareAndSet(ring.segment, CONSUMER_OFFSET, holder, identity)) {
                ring.count(CONSUMER_TAKEOVERS_OFFSET, 1);
                try {
                    resetWakeState(ring);
                } catch (RuntimeException e) {
                    // the set removed meanwhile (the channel removed): no consumer, not a live one that never receives
                    release(ring, identity);
                    throw e;
                }
                break;
            }
        }
        INT.setRelease(ring.segment, CONSUMER_START_OFFSET, ProcessIdentity.CURRENT.startTime());
    }

    /** Lets go of the role if {@code identity} still has it. */
    static void release(Ring ring, long identity) {
        if ((long) LONG.getAcquire(ring.segment, CONSUMER_OFFSET) == identity) {
            INT.setVolatile(ring.segment, CONSUMER_START_OFFSET, 0);
            LONG.compareAndSet(ring.segment, CONSUMER_OFFSET, identity, 0L);
        }
    }

    /**
     * A consumer that died asleep left its flag set and maybe a unit on its semaphore; a unit a
     * producer posts after this reset only makes one later sleep return early.
     */
    private static void resetWakeState(Ring ring) {
        INT.setVolatile(ring.segment, CONSUMER_SLEEPING_OFFSET, 0);
        VarHandle.fullFence();
        ring.semaphores.setValue(CONSUMER_SEMAPHORE, 0);
    }
}
