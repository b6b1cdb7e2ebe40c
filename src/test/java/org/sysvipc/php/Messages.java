package org.sysvipc.php;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/** Receiving from a queue while a peer may die: polls, so that a dead peer fails the test instead of hanging it. */
final class Messages {
    private Messages() {
    }

    static PhpMessage await(PhpMessageQueue queue, long type, boolean unserialize, Php.Peer peer) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Optional<PhpMessage> message;
            try {
                message = Optional.of(queue.receive(type, 1 << 16, unserialize, PhpMessageQueue.MSG_IPC_NOWAIT));
            } catch (org.sysvipc.IpcWouldBlockException none) {
                message = Optional.empty();
            }
            if (message.isPresent()) {
                return message.get();
            }
            if (!peer.process().isAlive()) {
                peer.await(); // reports the peer's failure
                throw new AssertionError("the peer ended without sending a message of type " + type);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no message of type " + type + " within 30 s");
            }
            LockSupport.parkNanos(1_000_000);
        }
    }
}
