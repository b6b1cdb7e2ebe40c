package org.sysvipc.php;

/**
 * A message received by {@link PhpMessageQueue}: what PHP's {@code msg_receive} puts in its
 * {@code $received_message_type} and {@code $message}.
 *
 * @param type  the message's type, positive
 * @param value the unserialized value (null included), or, when received without unserializing, the
 *              bytes as a PHP string decodes: a {@link String} if they are well-formed UTF-8, else a
 *              {@code byte[]}
 */
public record PhpMessage(long type, Object value) {
    /**
     * Checks the type.
     *
     * @param type  the message's type
     * @param value the value
     * @throws IllegalArgumentException if type is not positive
     */
    public PhpMessage {
        if (type <= 0) {
            throw new IllegalArgumentException("a message type must be positive, was " + type);
        }
    }
}
