package org.sysvipc;

/**
 * How {@link MessageQueue}'s receive methods select and copy a message, besides its type.
 */
public enum ReceiveOption {
    /**
     * Truncate a message longer than the buffer instead of failing ({@code MSG_NOERROR}); the rest
     * of it is lost. Without it such a message stays in the queue and the receive throws
     * {@link IpcTooLargeException}.
     */
    TRUNCATE,
    /**
     * With a positive type, take the first message whose type differs from it ({@code MSG_EXCEPT}).
     */
    EXCEPT
}
