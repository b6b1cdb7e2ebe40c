package org.sysvipc.php;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sysvipc.Errno;
import org.sysvipc.IpcAlreadyExistsException;
import org.sysvipc.IpcKey;
import org.sysvipc.IpcNotFoundException;
import org.sysvipc.IpcPermissions;
import org.sysvipc.IpcRemovedException;
import org.sysvipc.IpcTooLargeException;
import org.sysvipc.IpcWouldBlockException;
import org.sysvipc.Message;
import org.sysvipc.MessageQueue;
import org.sysvipc.OpenMode;
import org.sysvipc.ReceiveOption;

/**
 * A {@link MessageQueue} used the way PHP's {@code msg_send} and {@code msg_receive} use it, so that
 * Java and PHP processes exchange values through it.
 *
 * {@snippet :
 * // PHP: $q = msg_get_queue(ftok('/etc/myapp', 'q')); msg_send($q, 1, ['job' => 7]);
 * PhpMessageQueue queue = PhpMessageQueue.open(IpcKey.ftok(Path.of("/etc/myapp"), 'q'));
 * PhpMessage message = queue.receive(0, 8192);      // message.value() is {job=7}
 * queue.send(2, List.of("done", 7L));               // PHP: msg_receive($q, 2, $type, 8192, $reply)
 * }
 *
 * <h2>Message bytes</h2>
 * A message is the {@code long} type, then the bytes. With serializing on (PHP's default) the bytes
 * are {@code serialize($value)}, as {@link PhpSerializer} writes and reads them. With it off, PHP
 * sends only scalars, as text: a string as its bytes, an int in decimal, {@code true} as {@code 1},
 * {@code false} as {@code 0}, and a float as C's {@code %F} in PHP's own printf: six decimals,
 * {@code inf} for both infinities, {@code nan}, and {@code -0.0} without its sign;
 * {@link #scalarBytes(Object)} formats exactly so.
 *
 * <h2>Receiving</h2>
 * {@link #receive(long, int, boolean, int)} takes {@code msg_receive}'s arguments: the desired type
 * (0 for any, positive for that type, negative for the lowest type up to its magnitude), the largest
 * message accepted, whether to unserialize, and PHP's flags {@link #MSG_IPC_NOWAIT},
 * {@link #MSG_NOERROR} and {@link #MSG_EXCEPT}. Where PHP returns false with an error code, this
 * throws: {@link IpcWouldBlockException} with errno ENOMSG when no-wait finds no message,
 * {@link IpcTooLargeException} (E2BIG) when the message is longer than the maximum (it stays in the
 * queue), {@link IpcRemovedException} (EIDRM) when the queue is removed, and
 * {@link PhpFormatException} when the message is not a serialized value (PHP's "Message corrupted";
 * the message has then left the queue).
 *
 * <p>A send or receive that waits does so as {@link MessageQueue}'s do: it ends with
 * {@link org.sysvipc.IpcInterruptedException} when the thread is interrupted, nothing sent or
 * received, and on a virtual thread lets the carrier go. A signal that interrupts the wait is not an
 * error (PHP gives up with EINTR). Instances are immutable and thread-safe; the queue lives until
 * {@link #remove()}.
 */
public final class PhpMessageQueue {
    /** PHP's {@code MSG_IPC_NOWAIT}: fail with ENOMSG instead of waiting when no message matches. */
    public static final int MSG_IPC_NOWAIT = 1;
    /** PHP's {@code MSG_NOERROR}: cut a message longer than the maximum instead of failing with E2BIG. */
    public static final int MSG_NOERROR = 2;
    /** PHP's {@code MSG_EXCEPT}: with a positive desired type, take the first message of any other type. */
    public static final int MSG_EXCEPT = 4;
    /** The access bits {@code msg_get_queue} gives a queue it creates by default. */
    public static final int DEFAULT_PERMISSIONS = 0666;

    private static final int KNOWN_FLAGS = MSG_IPC_NOWAIT | MSG_NOERROR | MSG_EXCEPT;

    private final MessageQueue queue;
    private final PhpSerializer serializer;

    private PhpMessageQueue(MessageQueue queue, PhpSerializer serializer) {
        this.queue = queue;
        this.serializer = serializer;
    }

    /**
     * Opens the queue as {@code msg_get_queue($key)} does: the existing queue with the key, else a
     * new one with access {@link #DEFAULT_PERMISSIONS}.
     *
     * @param key the queue's key; {@link IpcKey#PRIVATE} creates a new private queue
     * @return the queue
     * @throws org.sysvipc.IpcLimitReachedException if a new queue would exceed msgmni
     */
    public static PhpMessageQueue open(IpcKey key) {
        return open(key, DEFAULT_PERMISSIONS);
    }

    /**
     * Opens the queue as {@code msg_get_queue($key, $permissions)} does: the existing queue with the
     * key (whatever its access bits; the kernel checks them at the first send or receive), else a new
     * one with these access bits.
     *
     * @param key         the queue's key; {@link IpcKey#PRIVATE} creates a new private queue
     * @param permissions the access bits of a queue this creates, within 0777
     * @return the queue
     * @throws IllegalArgumentException             if permissions has bits outside 0777
     * @throws org.sysvipc.IpcLimitReachedException if a new queue would exceed msgmni
     */
    public static PhpMessageQueue open(IpcKey key, int permissions) {
        Objects.requireNonNull(key, "key");
        IpcPermissions.requireMode(permissions);
        if (key.isPrivate()) {
            return of(MessageQueue.open(key, OpenMode.CREATE_NEW, permissions));
        }
        while (true) {
            try {
                return of(MessageQueue.open(key, OpenMode.OPEN_EXISTING, 0));
            } catch (IpcNotFoundException absent) {
                try {
                    return of(MessageQueue.open(key, OpenMode.CREATE_NEW, permissions));
                } catch (IpcAlreadyExistsException createdMeanwhile) {
                    // another process created it between the two calls: open that one
                }
            }
        }
    }

    /**
     * {@return the queue used with PHP's conventions and the standard serializer}
     *
     * @param queue the queue
     */
    public static PhpMessageQueue of(MessageQueue queue) {
        return new PhpMessageQueue(Objects.requireNonNull(queue, "queue"), PhpSerializer.standard());
    }

    /**
     * {@return this queue with another serializer, such as one with a different depth bound}
     *
     * @param serializer the serializer for values sent and received
     */
    public PhpMessageQueue withSerializer(PhpSerializer serializer) {
        return new PhpMessageQueue(queue, Objects.requireNonNull(serializer, "serializer"));
    }

    /**
     * {@return the underlying queue, for {@code msg_stat_queue} ({@link MessageQueue#stat()}),
     * {@code msg_set_queue} ({@link MessageQueue#setPermissions}, {@link MessageQueue#setMaxBytes}) and
     * raw bytes}
     */
    public MessageQueue queue() {
        return queue;
    }

    /**
     * Sends {@code serialize(value)}, waiting while the queue is full: {@code msg_send($q, $type, $value)}.
     *
     * @param type  the message type, positive
     * @param value what {@link PhpSerializer#serialize(Object)} accepts
     * @throws IllegalArgumentException if type is not positive or the value cannot be serialized
     * @throws IpcTooLargeException     if the message is above msgmax
     * @throws IpcRemovedException      if the queue is or gets removed
     */
    public void send(long type, Object value) {
        send(type, value, true, true);
    }

    /**
     * Sends a value as {@code msg_send($q, $type, $value, $serialize, $blocking)} does.
     *
     * @param type      the message type, positive
     * @param value     with serialize, what {@link PhpSerializer#serialize(Object)} accepts; without,
     *                  a scalar {@link #scalarBytes(Object)} accepts
     * @param serialize whether to send {@code serialize(value)} rather than the scalar's text
     * @param blocking  whether to wait while the queue is full
     * @return true if sent; false if not blocking and the queue was full (PHP's EAGAIN)
     * @throws IllegalArgumentException if type is not positive or the value does not fit the mode
     * @throws IpcTooLargeException     if the message is above msgmax
     * @throws IpcRemovedException      if the queue is or gets removed
     */
    public boolean send(long type, Object value, boolean serialize, boolean blocking) {
        byte[] bytes = serialize ? serializer.serialize(value) : scalarBytes(value);
        if (blocking) {
            queue.send(type, bytes);
            return true;
        }
        return queue.trySend(type, bytes);
    }

    /**
     * Receives and unserializes a message, waiting for one: {@code msg_receive($q, $desiredType,
     * $type, $maxSize, $message)}.
     *
     * @param desiredType 0 for the first message, a positive type for the first of that type, a
     *                    negative one for the first of the lowest type up to its magnitude
     * @param maxSize     the longest message accepted, in bytes, positive
     * @return the message
     * @throws IllegalArgumentException if maxSize is not positive
     * @throws IpcTooLargeException     if the message is longer than maxSize; it stays in the queue
     * @throws IpcRemovedException      if the queue is or gets removed
     * @throws PhpFormatException       if the message is not a serialized value; it has left the queue
     */
    public PhpMessage receive(long desiredType, int maxSize) {
        return receive(desiredType, maxSize, true, 0);
    }

    /**
     * Receives and unserializes a message if one matches now ({@code MSG_IPC_NOWAIT}).
     *
     * @param desiredType which message, as in {@link #receive(long, int)}
     * @param maxSize     the longest message accepted, in bytes, positive
     * @return the message, or empty if none matched
     * @throws IllegalArgumentException if maxSize is not positive
     * @throws IpcTooLargeException     if the message is longer than maxSize; it stays in the queue
     * @throws IpcRemovedException      if the queue was removed
     * @throws PhpFormatException       if the message is not a serialized value; it has left the queue
     */
    public Optional<PhpMessage> tryReceive(long desiredType, int maxSize) {
        return Optional.ofNullable(receiveOrNull(desiredType, maxSize, true, MSG_IPC_NOWAIT));
    }

    /**
     * Receives a message as {@code msg_receive($q, $desiredType, $type, $maxSize, $message,
     * $unserialize, $flags)} does.
     *
     * @param desiredType which message, as in {@link #receive(long, int)}
     * @param maxSize     the longest message accepted, in bytes, positive
     * @param unserialize whether to unserialize the bytes, or give them as a PHP string
     * @param flags       PHP's flags: {@link #MSG_IPC_NOWAIT}, {@link #MSG_NOERROR}, {@link #MSG_EXCEPT},
     *                    or'ed together, or 0
     * @return the message
     * @throws IllegalArgumentException if maxSize is not positive or flags has other bits
     * @throws IpcWouldBlockException   with errno ENOMSG, if {@link #MSG_IPC_NOWAIT} found no message
     * @throws IpcTooLargeException     if the message is longer than maxSize without {@link #MSG_NOERROR};
     *                                  it stays in the queue
     * @throws IpcRemovedException      if the queue is or gets removed
     * @throws PhpFormatException       if unserializing and the message is not a serialized value (a
     *                                  message cut by {@link #MSG_NOERROR} is not); it has left the queue
     */
    public PhpMessage receive(long desiredType, int maxSize, boolean unserialize, int flags) {
        PhpMessage message = receiveOrNull(desiredType, maxSize, unserialize, flags);
        if (message == null) {
            throw new IpcWouldBlockException("msgrcv", queue.toString(), Errno.ENOMSG.number(),
                    "no message of type " + desiredType + " is waiting");
        }
        return message;
    }

    private PhpMessage receiveOrNull(long desiredType, int maxSize, boolean unserialize, int flags) {
        if (maxSize <= 0) {
            throw new IllegalArgumentException("the maximum message size must be positive, was " + maxSize);
        }
        if ((flags & ~KNOWN_FLAGS) != 0) {
            throw new IllegalArgumentException("unknown msg_receive flags 0x" + Integer.toHexString(flags & ~KNOWN_FLAGS)
                    + "; use MSG_IPC_NOWAIT, MSG_NOERROR and MSG_EXCEPT");
        }
        List<ReceiveOption> options = new ArrayList<>(2);
        if ((flags & MSG_NOERROR) != 0) {
            options.add(ReceiveOption.TRUNCATE);
        }
        if ((flags & MSG_EXCEPT) != 0) {
            options.add(ReceiveOption.EXCEPT);
        }
        ReceiveOption[] optionArray = options.toArray(ReceiveOption[]::new);
        // the queue receives through a native buffer it keeps per thread, grown only as far as the
        // messages need, so a maxSize far above msgmax costs nothing
        Message message = (flags & MSG_IPC_NOWAIT) != 0
                ? queue.tryReceive(desiredType, maxSize, optionArray).orElse(null)
                : queue.receive(desiredType, maxSize, optionArray);
        if (message == null) {
            return null;
        }
        byte[] bytes = message.data();
        Object value = unserialize ? serializer.unserialize(bytes) : PhpStrings.toJava(bytes, 0, bytes.length);
        return new PhpMessage(message.type(), value);
    }

    /**
     * {@return the bytes PHP's {@code msg_send} sends for a scalar when it does not serialize: a
     * string's bytes ({@link String} as UTF-8, {@code byte[]} as is), an integer in decimal, a
     * {@link Boolean} as {@code 1} or {@code 0}, a float as PHP's {@code %F} (see the class description)}
     *
     * @param value a {@link String}, {@code byte[]}, {@link Long}, {@link Integer}, {@link Short},
     *              {@link Byte}, {@link Boolean}, {@link Double} or {@link Float}
     * @throws IllegalArgumentException for null, arrays and other types, which PHP refuses with a TypeError
     */
    public static byte[] scalarBytes(Object value) {
        String text = switch (value) {
            case String s -> null;
            case byte[] b -> null;
            case Long l -> Long.toString(l);
            case Integer i -> Integer.toString(i);
            case Short s -> Short.toString(s);
            case Byte b -> Byte.toString(b);
            case Boolean b -> b ? "1" : "0";
            case Double d -> PhpNumbers.printfF(d);
            case Float f -> PhpNumbers.printfF(f);
            case null -> throw new IllegalArgumentException(
                    "without serializing, PHP sends only strings, ints, floats and bools, not null");
            default -> throw new IllegalArgumentException(
                    "without serializing, PHP sends only strings, ints, floats and bools, not a "
                            + value.getClass().getName());
        };
        if (text == null) {
            return PhpSerializer.bytes(value);
        }
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Removes the queue: {@code msg_remove_queue($q)}.
     *
     * @throws IpcRemovedException                  if it was removed already
     * @throws org.sysvipc.IpcPermissionDeniedException if the caller is neither owner, creator nor privileged
     */
    public void remove() {
        queue.remove();
    }

    /**
     * {@return the queue as exception messages name it}
     */
    @Override
    public String toString() {
        return queue.toString();
    }
}
