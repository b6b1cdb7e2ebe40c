package org.sysvipc;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * Child JVM main for {@link SharedMemoryProcessTest}; reports on stdout.
 * <ul>
 * <li>{@code count <id> <times>}: adds 1 to the long at offset 0 {@code times} times, atomically; prints {@code done}
 * <li>{@code exchange <id>}: prints {@code read <long at 0>}, writes the long at 0 plus one at offset 8, or prints
 *     {@code denied <errno>} if attaching is denied
 * </ul>
 */
public final class SharedMemoryChild {
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    private SharedMemoryChild() {
    }

    public static void main(String[] args) {
        SharedMemory memory = SharedMemory.ofId(Integer.parseInt(args[1]));
        switch (args[0]) {
            case "count" -> {
                long times = Long.parseLong(args[2]);
                try (SharedMemory.Attachment attachment = memory.attach()) {
                    MemorySegment segment = attachment.segment();
                    for (long i = 0; i < times; i++) {
                        LONG.getAndAdd(segment, 0L, 1L);
                    }
                }
                System.out.println("done");
            }
            case "exchange" -> {
                try (SharedMemory.Attachment attachment = memory.attach()) {
                    long value = (long) LONG.getVolatile(attachment.segment(), 0L);
                    LONG.setVolatile(attachment.segment(), 8L, value + 1);
                    System.out.println("read " + value);
                } catch (IpcPermissionDeniedException e) {
                    System.out.println("denied " + e.errno().name());
                }
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
