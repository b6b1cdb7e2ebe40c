package org.sysvipc.php;

/**
 * Bytes that are not what PHP writes: a malformed {@code serialize()} string, or a shared memory
 * segment whose {@code shm_put_var} header or chunks are corrupt. The {@link #position()} says where
 * the fault was found: a byte offset into the serialized string, or into the segment.
 *
 * <p>Decoding never reads outside its input and never trusts a length or count field beyond the
 * bytes present; whatever the input, it ends with a value or with this exception.
 */
public class PhpFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Where the fault was found. */
    private final long position;
    /** What is wrong, without the position. */
    private final String reason;

    /**
     * Creates the exception.
     *
     * @param reason   what is wrong, without the position
     * @param position the byte offset where it was found, from 0
     */
    public PhpFormatException(String reason, long position) {
        super(reason + " at byte " + position);
        this.position = position;
        this.reason = reason;
    }

    /**
     * Creates the exception with a cause.
     *
     * @param reason   what is wrong, without the position
     * @param position the byte offset where it was found, from 0
     * @param cause    the fault this one wraps
     */
    public PhpFormatException(String reason, long position, Throwable cause) {
        super(reason + " at byte " + position, cause);
        this.position = position;
        this.reason = reason;
    }

    /**
     * {@return the byte offset where the fault was found, from 0}
     */
    public long position() {
        return position;
    }

    /**
     * {@return what is wrong, without the position}
     */
    public String reason() {
        return reason;
    }
}
