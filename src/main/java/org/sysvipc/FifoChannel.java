package org.sysvipc;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.Objects;
import org.sysvipc.internal.BlockingCall;
import org.sysvipc.internal.Constants;
import org.sysvipc.internal.ErrnoNumbers;
import org.sysvipc.internal.Syscalls;

/**
 * One end of a FIFO, as {@link Fifo} opens it: a {@link FileChannel} whose reads and writes are
 * read(2) and write(2) on the descriptor it opened. A read waits in read(2), directly on a platform
 * thread and through {@link BlockingCall} on a virtual thread. The writing end has O_NONBLOCK: a
 * write that finds room is one critical call, and a writer waits for room in poll(2), as a read
 * waits. Like the JDK's
 * file channels it is interruptible: an interrupt while a read or write waits closes the channel
 * and ends the call with {@link java.nio.channels.ClosedByInterruptException}, and {@link #close()}
 * ends other threads' waits with {@link AsynchronousCloseException}. Unlike them it loses no
 * bytes: a read that got bytes returns them even when the channel was closed meanwhile (the next
 * call then throws {@link ClosedChannelException}). On a virtual thread a wait lets the carrier go.
 * A FIFO has no position: the positional methods, mapping and locking throw {@link IOException},
 * and {@link #size()} is 0, as the JDK's channels on a FIFO have them.
 */
final class FifoChannel extends FileChannel {
    /** The most bytes one read or write moves through the thread's native buffer, for heap buffers: a pipe's default size. */
    private static final int MAX_COPY = 65536;
    private static final ThreadLocal<MemorySegment[]> COPY_BUFFER = ThreadLocal.withInitial(() -> new MemorySegment[1]);
    private static final Cleaner CLEANER = Cleaner.create();

    private final Path path;
    private final boolean reading;
    private final FifoDescriptor descriptor;

    private FifoChannel(Path path, boolean reading, int fd) {
        this.path = path;
        this.reading = reading;
        this.descriptor = new FifoDescriptor(fd);
        CLEANER.register(this, descriptor::closeUnreachable);
    }

    /**
     * Opens one end of the FIFO at {@code path}, waiting, as open(2) does, until a peer opens the
     * other end.
     *
     * @throws InterruptedIOException if the thread is interrupted before or while it waits; its
     *                                interrupt status stays set and nothing is opened
     */
    static FifoChannel open(Path path, byte[] nativePath, boolean reading) throws IOException {
        int flags = (reading ? Constants.O_RDONLY : Constants.O_WRONLY) | Constants.O_CLOEXEC;
        long fd;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocate(nativePath.length + 1L);
            MemorySegment.copy(nativePath, 0, name, ValueLayout.JAVA_BYTE, 0, nativePath.length);
            fd = BlockingCall.open(name, flags);
        }
        if (fd == BlockingCall.INTERRUPTED) {
            throw new InterruptedIOException("interrupted while opening " + path + " for " + (reading ? "reading" : "writing")
                    + ", which waits until a peer opens it for " + (reading ? "writing" : "reading"));
        }
        if (fd < 0) {
            throw Fifo.failure(path, "open", (int) -fd);
        }
        if (!reading) {
            // writes never wait in write(2), so that one that finds room is a critical call without
            // the interrupt hook; a writer waits for room in poll(2)
            int set = Syscalls.setNonBlocking((int) fd);
            if (set < 0) {
                Syscalls.close((int) fd);
                throw Fifo.failure(path, "fcntl", -set);
            }
        }
        return new FifoChannel(path, reading, (int) fd);
    }

    @Override
    public int read(ByteBuffer target) throws IOException {
        Objects.requireNonNull(target, "target");
        if (!reading) {
            throw new NonReadableChannelException();
        }
        if (target.isReadOnly()) {
            throw new IllegalArgumentException("cannot read into a read-only buffer");
        }
        if (!target.hasRemaining()) {
            requireOpen();
            return 0;
        }
        BlockingCall call = BlockingCall.current();
        descriptor.enter(call);
        long read = 0;
        boolean ended = false;
        try {
            begin();
            if (target.isDirect()) {
                read = read(call, MemorySegment.ofBuffer(target).address(), target.remaining());
                if (read > 0) {
                    target.position(target.position() + (int) read);
                }
            } else {
                int wanted = Math.min(target.remaining(), MAX_COPY);
                MemorySegment copy = copyBuffer(wanted);
                read = read(call, copy.address(), wanted);
                if (read > 0) {
                    target.put(copy.asSlice(0, read).asByteBuffer());
                }
            }
            ended = true;
        } finally {
            descriptor.leave(call);
            end(read > 0, ended);
        }
        if (read < 0) {
            throw failure("read", read);
        }
        return read == 0 ? -1 : (int) read;
    }

    @Override
    public long read(ByteBuffer[] targets, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, targets.length);
        for (int i = offset; i < offset + length; i++) {
            if (targets[i].hasRemaining()) {
                return read(targets[i]); // a short read: the bytes the pipe has now, as read(2) gives them
            }
        }
        return 0;
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        Objects.requireNonNull(source, "source");
        if (reading) {
            throw new NonWritableChannelException();
        }
        if (!source.hasRemaining()) {
            requireOpen();
            return 0;
        }
        BlockingCall call = BlockingCall.current();
        descriptor.enter(call);
        int written = 0;
        long last = 0;
        boolean hooked = false;
        boolean ended = false;
        try {
            if (Thread.currentThread().isInterrupted()) {
                begin(); // closes the channel, as the JDK's channels do
                hooked = true;
            }
            // a blocking write to a pipe writes everything unless a signal ends it; then go on while open
            while (source.hasRemaining() && (written == 0 || isOpen())) {
                int chunk = source.isDirect() ? source.remaining() : Math.min(source.remaining(), MAX_COPY);
                long from;
                if (source.isDirect()) {
                    from = MemorySegment.ofBuffer(source).address();
                } else {
                    MemorySegment copy = copyBuffer(chunk);
                    MemorySegment.copy(MemorySegment.ofBuffer(source), 0, copy, 0, chunk);
                    from = copy.address();
                }
                last = Syscalls.writeNow(descriptor.fd, from, chunk);
                if (last == -ErrnoNumbers.EAGAIN) {
                    if (!hooked) {
                        begin(); // only a write that waits hears interrupts: one that finds room never waits
                        hooked = true;
                    }
                    // until there is room, the reader is gone, or a close or interrupt cancels it
                    last = call.awaitRoom(descriptor.fd, this);
                    if (last >= 0) {
                        continue;
                    }
                }
                if (last < 0) {
                    break;
                }
                source.position(source.position() + (int) last);
                written += (int) last;
            }
            ended = true;
        } finally {
            descriptor.leave(call);
            if (hooked) {
                end(written > 0, ended);
            }
        }
        if (last < 0 && written == 0) {
            throw failure("write", last);
        }
        return written;
    }

    @Override
    public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, sources.length);
        long written = 0;
        for (int i = offset; i < offset + length; i++) {
            written += write(sources[i]);
        }
        return written;
    }

    /**
     * Reads into {@code count} bytes at {@code address}: on a platform thread directly, as read(2),
     * retried after a signal until the channel is closed (a close signals the threads in its calls);
     * on a virtual thread through a waiter.
     */
    private long read(BlockingCall call, long address, long count) {
        if (!BlockingCall.pipeReadsWaitHere()) {
            return call.read(descriptor.fd, address, count, this);
        }
        long read = Syscalls.readUncaptured(descriptor.fd, address, count);
        while (read < 0) {
            if (!isOpen()) {
                return BlockingCall.INTERRUPTED; // the close's signal ended the call
            }
            // a failed read did nothing: make it again, capturing errno, to learn why
            read = Syscalls.read(descriptor.fd, address, count);
            if (read != -ErrnoNumbers.EINTR) {
                return read;
            }
        }
        return read;
    }

    /**
     * Ends the I/O begun with {@link #begin()}: the interrupt or close that cancelled it is thrown,
     * unless the operation moved bytes, which are returned instead.
     */
    private void end(boolean moved, boolean ended) throws AsynchronousCloseException {
        try {
            end(moved);
        } catch (AsynchronousCloseException e) {
            if (!moved && ended) {
                throw e;
            }
            // bytes moved: return them; the interrupt status, if any, stays set, and the next call sees the channel closed
        }
    }

    private IOException failure(String call, long result) throws IOException {
        if (result == BlockingCall.INTERRUPTED) {
            // cancelled by a close that end() saw as neither interrupt nor close: the channel is closed
            return new AsynchronousCloseException();
        }
        return Fifo.failure(path, call, (int) -result);
    }

    /** The thread's native buffer for a heap buffer's bytes, with room for {@code size}. */
    private static MemorySegment copyBuffer(int size) {
        MemorySegment[] holder = COPY_BUFFER.get();
        if (holder[0] == null || holder[0].byteSize() < size) {
            holder[0] = Arena.ofAuto().allocate(Math.max(size, 4096));
        }
        return holder[0];
    }

    // ---- a FIFO has no file around its bytes

    @Override
    public long position() throws IOException {
        requireOpen();
        throw noPositions();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        requirePosition(newPosition);
        requireOpen();
        throw noPositions();
    }

    /** {@return 0, as fstat gives a FIFO's size} */
    @Override
    public long size() throws IOException {
        requireOpen();
        return 0;
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        requirePosition(size);
        requireOpen();
        if (reading) {
            throw new NonWritableChannelException();
        }
        throw new IOException("a FIFO cannot be truncated: " + path);
    }

    /** Does nothing: a FIFO's bytes go to its readers, never to storage. */
    @Override
    public void force(boolean metaData) throws IOException {
        requireOpen();
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        requirePosition(position);
        requireOpen();
        throw noPositions();
    }

    @Override
    public long transferFrom(ReadableByteChannel source, long position, long count) throws IOException {
        requirePosition(position);
        requireOpen();
        throw noPositions();
    }

    @Override
    public int read(ByteBuffer target, long position) throws IOException {
        requirePosition(position);
        requireOpen();
        throw noPositions();
    }

    @Override
    public int write(ByteBuffer source, long position) throws IOException {
        requirePosition(position);
        requireOpen();
        throw noPositions();
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        requireOpen();
        throw new IOException("a FIFO cannot be mapped: " + path);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        requireOpen();
        throw new IOException("a FIFO is not locked through its channel: " + path);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return lock(position, size, shared);
    }

    private IOException noPositions() {
        return new IOException("Illegal seek: a FIFO has no position: " + path);
    }

    private static void requirePosition(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("a position or size is not negative, was " + position);
        }
    }

    private void requireOpen() throws ClosedChannelException {
        if (!isOpen()) {
            throw new ClosedChannelException();
        }
    }

    /** Ends the waits of the threads in a read or write, then closes the descriptor once none uses it. */
    @Override
    protected void implCloseChannel() {
        descriptor.close(this);
    }

    /** {@return this channel as a plain byte channel, for streams that must not take it for a seekable file} */
    ByteChannel asStreamChannel() {
        FifoChannel channel = this;
        return new ByteChannel() {
            @Override
            public int read(ByteBuffer target) throws IOException {
                return channel.read(target);
            }

            @Override
            public int write(ByteBuffer source) throws IOException {
                return channel.write(source);
            }

            @Override
            public boolean isOpen() {
                return channel.isOpen();
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    @Override
    public String toString() {
        return "FIFO " + path + (reading ? " (read end)" : " (write end)") + (isOpen() ? "" : ", closed");
    }
}
