package org.sysvipc.tools.soak;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.function.ObjLongConsumer;
import org.sysvipc.IpcKey;
import org.sysvipc.IpcPermissions;
import org.sysvipc.MessageQueue;
import org.sysvipc.MessageQueueStat;
import org.sysvipc.OpenMode;

/**
 * A lane made of one message queue. To remove it without destroying an accepted message, the
 * soak first lowers the queue's maximum to 1 byte: no message of the soak fits any more, so
 * senders block (the kernel takes nothing in, not even for a waiting receiver) while the soak and
 * the consumers empty it. Once the soak finds it empty it stays empty, and the removal wakes the
 * blocked senders with EIDRM, their messages not accepted, and the blocked receivers too.
 */
final class QueueLane extends DrainedLane {
    static final String KIND = "queue";

    private volatile IpcKey key;
    private MessageQueue queue;

    QueueLane(String name, List<WorkerSpec> workers, SoakLog log) {
        super(name, KIND, workers, log);
    }

    @Override
    public List<String> workerArguments() {
        return List.of(FreshKeys.argument(key));
    }

    @Override
    public void create() {
        queue = FreshKeys.create(this::createNew);
        key = queue.key();
    }

    @Override
    void drainAndRemove(ObjLongConsumer<MemorySegment> drained) {
        queue.setMaxBytes(1);
        while (queue.tryReceive(0, drainBuffer)) {
            drained.accept(drainBuffer.payload(), drainBuffer.length());
        }
        queue.remove();
        log.note("removed message queue " + queue.id() + " (" + key + ")");
    }

    @Override
    void recreate() {
        queue = createNew(key);
    }

    @Override
    public List<String> leftovers() {
        return leftover("msg", key).toList();
    }

    @Override
    public boolean isFull() {
        MessageQueueStat stat = queue.stat();
        return stat.currentBytes() + SoakMessage.MAX_BYTES > stat.maxBytes();
    }

    private MessageQueue createNew(IpcKey under) {
        MessageQueue created = MessageQueue.open(under, OpenMode.CREATE_NEW, IpcPermissions.DEFAULT_MODE);
        log.note("created message queue " + created.id() + " (" + under + ") for " + name());
        return created;
    }
}
