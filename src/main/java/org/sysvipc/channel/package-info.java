/**
 * A message channel in shared memory, made only of System V objects: {@link org.sysvipc.channel.Channel}
 * is one segment (a header and a ring of messages) and one semaphore set (for sleeping and
 * waking), opened by key like a message queue. Many {@link org.sysvipc.channel.ChannelProducer}s
 * send, one {@link org.sysvipc.channel.ChannelConsumer} receives; messages carry a positive
 * {@code long} type and up to a size fixed at creation.
 *
 * <p>Messages never pass through the kernel: a producer writes into the ring, the consumer reads
 * from it, and the semaphore set is used only when a side has waited its
 * {@link org.sysvipc.channel.WaitPolicy}'s spin and yield and goes to sleep. Use it instead of a
 * {@link org.sysvipc.MessageQueue} when many messages flow between processes of one host (or
 * containers of one IPC namespace) and the cost of {@code msgsnd} and {@code msgrcv} matters; keep
 * the queue for programs that already speak it, for PHP and Python peers, and for selecting
 * messages by type.
 *
 * <p>Blocking: as with {@link org.sysvipc.SemaphoreSet}'s calls, a wait ends with a message (or
 * room), its timeout, or the channel's removal; {@link Thread#interrupt()} does not end it, and a
 * virtual thread that sleeps (a {@code semtimedop}) pins its carrier. Every wait of a channel goes
 * through one place, where cooperation with interrupts and virtual threads can be added.
 *
 * <p>Faults: a producer killed while writing leaves a record the consumer skips once the process
 * is gone; a killed consumer is replaced by the next one opened, which continues from the last
 * message consumed; removing the channel wakes every sleeper with
 * {@link org.sysvipc.IpcRemovedException}; a segment that is not a channel's, or a ring scribbled
 * on, gives {@link org.sysvipc.channel.ChannelFormatException}. {@code docs/channel.md} in the
 * repository specifies the layout byte by byte, the memory order of every field and the wake-up
 * protocol with its proof; {@code c/channel} implements it in C.
 */
package org.sysvipc.channel;
