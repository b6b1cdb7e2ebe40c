/**
 * System V IPC for Java on Linux: message queues, semaphore sets, shared memory, keys and FIFOs,
 * over the Foreign Function and Memory API.
 *
 * <ul>
 * <li>{@link org.sysvipc.IpcKey}: the key that names an object, from {@code ftok} or a number.</li>
 * <li>{@link org.sysvipc.MessageQueue}: {@code msgget}, {@code msgsnd}, {@code msgrcv},
 *     {@code msgctl}; {@link org.sysvipc.MessageBuffer} for sends and receives that allocate
 *     nothing.</li>
 * <li>{@link org.sysvipc.SemaphoreSet}: {@code semget}, {@code semop}, {@code semtimedop},
 *     {@code semctl}; {@link org.sysvipc.SemaphoreLock} for a unit the kernel gives back if its
 *     holder dies.</li>
 * <li>{@link org.sysvipc.SharedMemory}: {@code shmget}, {@code shmat}, {@code shmdt},
 *     {@code shmctl}, mapped as a {@link java.lang.foreign.MemorySegment}.</li>
 * <li>{@link org.sysvipc.Fifo}: named pipes, opened as standard channels and streams.</li>
 * <li>{@link org.sysvipc.IpcListing} and {@link org.sysvipc.IpcLimits}: what {@code ipcs} and
 *     {@code ipcs -l} show.</li>
 * <li>{@link org.sysvipc.IpcSupport}: whether the module can be used in this JVM (Linux on x86_64
 *     or aarch64, native access enabled), and if not why.</li>
 * </ul>
 *
 * <p>The three kinds of object share {@link org.sysvipc.IpcObject}: a handle is the object's id
 * and key, safe to share between threads. A failed call throws an unchecked
 * {@link org.sysvipc.IpcException} (FIFOs: a {@link java.io.IOException}, as {@code java.nio.file}
 * does) whose message names the call, the object and errno, and whose {@link
 * org.sysvipc.IpcException#errno()} is an {@link org.sysvipc.Errno}; subclasses name the common
 * causes. Arguments wrong on their face are refused with {@link IllegalArgumentException} before
 * any native call.
 *
 * <h2>Calls that wait</h2>
 * A receive, a send to a full queue, a semaphore operation that must wait, their timed forms, and
 * a FIFO's open, read and write:
 * <ul>
 * <li>on a virtual thread, let the carrier thread go while they wait: the call is first made in
 *     its form that never waits, and only if it would have waited is it made by a platform thread
 *     of the module's own while the virtual thread parks;</li>
 * <li>end when the thread is interrupted, on platform and virtual threads alike, with
 *     {@link org.sysvipc.IpcInterruptedException} (a FIFO: as {@link java.nio.channels.FileChannel}
 *     does), the interrupt status left set and nothing done; a thread already interrupted does not
 *     start to wait;</li>
 * <li>when timed, wait in the kernel until they can proceed or the time is up, without waking
 *     in between.</li>
 * </ul>
 * A consumer loop stops cleanly on interrupt, and so on an executor's
 * {@link java.util.concurrent.ExecutorService#shutdownNow()}: every message a receive takes is
 * returned, and a receive that throws took nothing.
 * {@snippet :
 * try (Arena arena = Arena.ofConfined()) {
 *     MessageBuffer buffer = MessageBuffer.allocate(arena, 8192);
 *     while (true) {
 *         queue.receive(0, buffer);     // waits; throws on interrupt, having taken nothing
 *         handle(buffer);               // a message taken is handled before the loop waits again
 *     }
 * } catch (IpcInterruptedException stopped) {
 *     // interrupted while waiting, or before: nothing was taken, so nothing is lost
 * }
 * }
 */
package org.sysvipc;
