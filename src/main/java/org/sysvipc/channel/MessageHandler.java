package org.sysvipc.channel;

import java.lang.foreign.MemorySegment;

/**
 * Takes a message out of a channel without copying it: {@link ChannelConsumer#receive(MessageHandler)}
 * and {@link ChannelConsumer#drain(MessageHandler, int)} call it with a view of the message in the
 * ring.
 */
@FunctionalInterface
public interface MessageHandler {
    /**
     * Handles one message. {@code message} is a read-only view of the ring, valid only during this
     * call: once it returns, producers may overwrite those bytes. Copy what must outlive the call.
     * Handing the view to {@link ChannelProducer#send(long, MemorySegment)} of another channel (or
     * this one) copies it, so a message can be forwarded with one copy.
     *
     * <p>When the call returns, the message is consumed. If it throws, the message is consumed too
     * (it is not delivered again) and the exception reaches the caller of {@code receive} or
     * {@code drain}. If the process dies during the call, the message was not consumed: the next
     * consumer receives it first.
     *
     * @param type    the message's type, positive
     * @param message the message's bytes, read-only, valid during the call
     */
    void onMessage(long type, MemorySegment message);
}
