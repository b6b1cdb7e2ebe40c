package org.sysvipc.php;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * What decoding one input allocates, counted by the JVM for this thread
 * ({@code com.sun.management.ThreadMXBean.getCurrentThreadAllocatedBytes}): the same objects each
 * time, unlike a timing. Reached reflectively, since the tests compile inside the module, which does
 * not read jdk.management.
 */
final class DecodingAllocation {
    /** The most a decoder may allocate for each byte of its input. */
    static final int MAX_BYTES_PER_INPUT_BYTE = 32;
    /** What any decode may allocate besides, whatever the input's size: an exception and its message. */
    static final long FIXED_ALLOWANCE = 16 * 1024;
    /** How many decodes of one input are measured. */
    private static final int MEASURED_DECODES = 3;

    private static final Object THREADS;
    private static final MethodHandle ALLOCATED_BYTES;

    static {
        try {
            THREADS = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            Class<?> bean = Class.forName("com.sun.management.ThreadMXBean");
            if (!(boolean) bean.getMethod("isThreadAllocatedMemorySupported").invoke(THREADS)) {
                throw new AssertionError("this JVM does not count the bytes each thread allocates");
            }
            bean.getMethod("setThreadAllocatedMemoryEnabled", boolean.class).invoke(THREADS, true);
            ALLOCATED_BYTES = MethodHandles.publicLookup()
                    .findVirtual(bean, "getCurrentThreadAllocatedBytes", MethodType.methodType(long.class))
                    .asType(MethodType.methodType(long.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot count allocated bytes: " + e, e);
        }
    }

    /** The outcome of one decode: what it allocated and whether it decoded or was refused. */
    record Result(long allocated, boolean decoded, int inputLength) {
        double perInputByte() {
            return (double) allocated / Math.max(1, inputLength);
        }

        boolean withinBound() {
            return allocated <= (long) MAX_BYTES_PER_INPUT_BYTE * inputLength + FIXED_ALLOWANCE;
        }
    }

    private DecodingAllocation() {
    }

    /**
     * Decodes {@code input} once unmeasured, then {@value #MEASURED_DECODES} times, and returns the
     * least a measured decode allocated; a PhpFormatException counts as refused. The first pays what
     * happens once in a JVM (loading classes, linking a message's string concatenation), and a
     * measured decode can meet a deoptimisation or a JIT's transition that allocates on its behalf:
     * the least of a few is what the input itself costs, which an amplifying input raises every time.
     */
    static Result measure(PhpSerializer serializer, byte[] input) {
        decode(serializer, input);
        long least = Long.MAX_VALUE;
        boolean decoded = false;
        for (int i = 0; i < MEASURED_DECODES; i++) {
            long before = allocatedBytes();
            decoded = decode(serializer, input);
            least = Math.min(least, allocatedBytes() - before);
        }
        return new Result(least, decoded, input.length);
    }

    private static boolean decode(PhpSerializer serializer, byte[] input) {
        try {
            serializer.unserialize(input);
            return true;
        } catch (PhpFormatException refused) {
            return false;
        }
    }

    private static long allocatedBytes() {
        try {
            return (long) ALLOCATED_BYTES.invokeExact(THREADS);
        } catch (Throwable t) {
            throw new AssertionError("cannot count allocated bytes: " + t, t);
        }
    }
}
