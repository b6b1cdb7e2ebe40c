package org.sysvipc.channel;

/**
 * The channel has a consumer already, in a process that is alive or whose liveness cannot be
 * judged from here (another PID namespace), so a second one is refused: a channel has one
 * consumer at a time. A consumer whose process has died is replaced without this exception.
 */
public class ChannelBusyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The pid of the consumer's process, in its own PID namespace. */
    private final int consumerPid;

    /**
     * Creates the exception.
     *
     * @param subject     the channel, as {@link Channel#toString()} names it
     * @param consumerPid the pid of the process that has the consumer
     * @param detail      why it counts as alive
     */
    public ChannelBusyException(String subject, int consumerPid, String detail) {
        super(subject + " already has a consumer, in process " + consumerPid + " (" + detail + ")");
        this.consumerPid = consumerPid;
    }

    /**
     * {@return the pid of the process that has the consumer, in its own PID namespace}
     */
    public int consumerPid() {
        return consumerPid;
    }
}
