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
     * Decodes {@code input} three times and returns the least the second and third decodes
     * allocated; a PhpFormatException counts as refused. The first pays what happens once in a JVM
     * (loading classes, linking a message's string concatenation), which is no part of what an
     * input costs; so, once, may a later one (an input that decoded in 1.7 KiB every time once
     * took 34 KiB in its second decode, with the fuzzer's seed 12), so the least of two is taken.
     */
    static Result measure(PhpSerializer serializer, byte[] input) {
        decode(serializer, input);
        long before = allocatedBytes();
        boolean decoded = decode(serializer, input);
        long second = allocatedBytes() - before;
        before = allocatedBytes();
        decode(serializer, input);
        return new Result(Math.min(second, allocatedBytes() - before), decoded, input.length);
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
