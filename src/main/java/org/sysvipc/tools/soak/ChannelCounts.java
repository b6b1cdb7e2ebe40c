package org.sysvipc.tools.soak;

/**
 * What the channel lane's channels counted, summed over every channel the soak made and removed.
 *
 * @param channels         channels removed (each made anew but the last)
 * @param messagesSent     messages producers claimed room for
 * @param abandonedRecords records skipped because their producer was killed before committing them
 * @param takeovers        consumers that replaced a killed one, continuing from the last message consumed
 * @param lockBreaks       claim locks taken from a producer killed holding one
 * @param drained          messages the soak took out of a channel it removed
 */
record ChannelCounts(long channels, long messagesSent, long abandonedRecords, long takeovers, long lockBreaks,
                     long drained) {
    static final ChannelCounts NONE = new ChannelCounts(0, 0, 0, 0, 0, 0);

    ChannelCounts plus(ChannelCounts other) {
        return new ChannelCounts(channels + other.channels, messagesSent + other.messagesSent,
                abandonedRecords + other.abandonedRecords, takeovers + other.takeovers, lockBreaks + other.lockBreaks,
                drained + other.drained);
    }
}
