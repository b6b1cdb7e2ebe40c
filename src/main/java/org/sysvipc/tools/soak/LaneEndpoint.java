package org.sysvipc.tools.soak;

import java.lang.foreign.MemorySegment;
import java.util.function.BooleanSupplier;
import org.sysvipc.IpcRemovedException;
import org.sysvipc.MessageBuffer;

/**
 * A worker's end of a {@link Lane}: how its producer sends and its consumer receives, over
 * whatever objects the lane is made of. With {@link Lane} on the soak's side, this is how a new
 * transport (such as the shared-memory channel) joins the soak: implement both, and open the
 * endpoint in {@link SoakWorker} by the lane's {@link Lane#kind()}.
 *
 * <p>Every blocking call goes through the worker's {@link BlockingCalls}, so that the soak can
 * interrupt it with signals.
 */
interface LaneEndpoint {
    /**
     * Sends {@code message}, blocking while the lane is full.
     *
     * @throws IpcRemovedException if the lane's objects were removed before the message was
     *                             accepted; once it is accepted, this method returns normally
     */
    void send(MemorySegment message);

    /**
     * Receives the next message into {@code mailbox}, blocking while the lane is empty, or for a
     * while.
     *
     * @return whether a message was received; false when a bounded wait ended first, so that the
     *         caller can look at its stop flag
     * @throws IpcRemovedException if the lane's objects were removed before a message was taken;
     *                             once one is taken, this method returns normally
     */
    boolean receive(MessageBuffer mailbox);

    /**
     * Opens the lane's objects, at the start or anew after a removal, waiting for the soak to
     * recreate them.
     *
     * @param stopped tells when to give up waiting
     * @return true once open; false if {@code stopped} said so first
     */
    boolean reopen(BooleanSupplier stopped);
}
