package org.sysvipc;

import java.time.Instant;

/**
 * A message queue's state ({@code struct msqid_ds}) at one moment. Times of events that never
 * happened are {@link Instant#EPOCH}.
 *
 * @param permissions    owner, creator, key and access bits
 * @param messageCount   messages in the queue ({@code msg_qnum})
 * @param maxBytes       the most bytes the queue may hold ({@code msg_qbytes})
 * @param currentBytes   bytes in the queue now ({@code msg_cbytes})
 * @param lastSendPid    the process that sent last ({@code msg_lspid}), 0 if none
 * @param lastReceivePid the process that received last ({@code msg_lrpid}), 0 if none; when a sender
 *                       hands its message straight to a receiver that was waiting, Linux records
 *                       the receiving thread's id instead, which is the process id only for a
 *                       process's first thread
 * @param lastSend       when a message was last sent ({@code msg_stime})
 * @param lastReceive    when a message was last received ({@code msg_rtime})
 * @param lastChange     when the queue was created or last changed by IPC_SET ({@code msg_ctime})
 */
public record MessageQueueStat(IpcPermissions permissions, long messageCount, long maxBytes, long currentBytes,
                               int lastSendPid, int lastReceivePid, Instant lastSend, Instant lastReceive,
                               Instant lastChange) {
}
