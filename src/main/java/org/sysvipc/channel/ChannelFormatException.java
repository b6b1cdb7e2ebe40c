package org.sysvipc.channel;

/**
 * A segment that does not hold what a channel's writers write: a header that is not a channel's
 * (wrong magic, a version this library does not read, sizes that do not fit the segment), or, while
 * the channel is used, a ring or header field that no correct producer or consumer leaves, such as a
 * record length that runs past the ring or a tail behind the head. A process other than the channel's
 * producers and consumer wrote the memory.
 *
 * <p>The check comes before the field is used: nothing is read outside the segment and no loop runs
 * on a length it did not check, so whatever the memory holds, a call on the channel ends with a
 * message or this exception. A ring found corrupt stays so; remove the channel and make a new one.
 */
public class ChannelFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What the fault was found in. */
    private final String subject;
    /** Where in the segment. */
    private final long offset;

    /**
     * Creates the exception.
     *
     * @param subject the segment, as {@code shared memory segment 5 (key 0x5e5e0001)}
     * @param reason  what is wrong
     * @param offset  the offset in the segment of the field or record that is wrong
     */
    public ChannelFormatException(String subject, String reason, long offset) {
        super(subject + " is not a valid channel: " + reason + " (at offset " + offset + ")");
        this.subject = subject;
        this.offset = offset;
    }

    /**
     * {@return the segment the fault was found in, as {@code shared memory segment 5 (key 0x5e5e0001)}}
     */
    public String subject() {
        return subject;
    }

    /**
     * {@return the offset in the segment of the field or record that is wrong}
     */
    public long offset() {
        return offset;
    }
}
