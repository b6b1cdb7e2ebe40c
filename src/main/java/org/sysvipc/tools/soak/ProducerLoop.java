package org.sysvipc.tools.soak;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.sysvipc.IpcRemovedException;

/**
 * A producer: sends messages 1, 2, 3... of its number through its lane until the soak says
 * stop. It marks each in its slot as pending before the send and accepted after it, so that the
 * soak knows exactly what was sent, even of a producer killed mid-send (at most the pending one
 * is in doubt). A message the lane's removal refused is sent again, once the lane is back.
 */
record ProducerLoop(Scoreboard board, WorkerSlot slot, LaneEndpoint lane, int number, WorkerSpec spec,
        Injection injection) {
    void run() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(SoakMessage.MAX_BYTES, Long.BYTES);
            for (long sequence = 1; !board.producersStopped(); sequence++) {
                int length = SoakMessage.write(buffer, SoakMessage.id(number, sequence), System.nanoTime());
                if (injection == Injection.CORRUPTION && sequence == Injection.AT_MESSAGE) {
                    SoakMessage.corrupt(buffer);
                }
                slot.pending(sequence);
                if (!sendUntilAccepted(buffer.asSlice(0, length))) {
                    return;
                }
                slot.accepted(sequence);
                if (spec.pausesAfter(sequence)) {
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(spec.pauseMicros()));
                }
            }
        }
    }

    /** Sends until the lane accepts; false if the soak said stop first. */
    private boolean sendUntilAccepted(MemorySegment message) {
        while (true) {
            try {
                lane.send(message);
                return true;
            } catch (IpcRemovedException removed) {
                slot.removalNoticed();
                if (board.producersStopped() || !lane.reopen(board::producersStopped)) {
                    return false;
                }
            }
        }
    }
}
