package org.sysvipc.php;

/**
 * A variable does not fit the free space of a {@link PhpSharedVariables} segment: PHP's
 * {@code shm_put_var} warning "Not enough shared memory left". Nothing was changed.
 */
public class PhpSharedMemoryFullException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The bytes the variable's chunk needs. */
    private final long needed;
    /** The bytes free for it. */
    private final long available;

    /**
     * Creates the exception.
     *
     * @param segment   the segment, as messages name it
     * @param needed    the bytes the variable's chunk needs
     * @param available the bytes free for it, counting those of the variable it would replace
     */
    public PhpSharedMemoryFullException(String segment, long needed, long available) {
        super("not enough shared memory left in " + segment + ": the variable needs " + needed
                + " bytes, " + available + " are free");
        this.needed = needed;
        this.available = available;
    }

    /**
     * {@return the bytes the variable's chunk needs, header and padding included}
     */
    public long needed() {
        return needed;
    }

    /**
     * {@return the bytes that were free for it, counting those of the variable it would have replaced}
     */
    public long available() {
        return available;
    }
}
