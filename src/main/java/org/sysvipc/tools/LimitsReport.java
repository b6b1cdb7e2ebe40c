package org.sysvipc.tools;

import org.sysvipc.IpcLimits;
import org.sysvipc.SemaphoreSet;

/** Formats {@link IpcLimits} as {@code ipcs -l} does, naming each limit's sysctl. */
final class LimitsReport {
    private LimitsReport() {
    }

    static String format(IpcLimits limits) {
        StringBuilder text = new StringBuilder("\n");
        text.append("------ Messages Limits --------\n");
        line(text, "max queues system wide", "msgmni", limits.msgmni());
        line(text, "max size of message (bytes)", "msgmax", limits.msgmax());
        line(text, "default max size of queue (bytes)", "msgmnb", limits.msgmnb());
        text.append("\n------ Shared Memory Limits --------\n");
        line(text, "max number of segments", "shmmni", limits.shmmni());
        line(text, "max seg size (bytes)", "shmmax", limits.shmmax());
        line(text, "max total shared memory (pages)", "shmall", limits.shmall());
        text.append("\n------ Semaphore Limits --------\n");
        line(text, "max number of arrays", "semmni", limits.semmni());
        line(text, "max semaphores per array", "semmsl", limits.semmsl());
        line(text, "max semaphores system wide", "semmns", limits.semmns());
        line(text, "max ops per semop call", "semopm", limits.semopm());
        line(text, "semaphore max value", "semvmx", SemaphoreSet.MAX_VALUE);
        return text.append('\n').toString();
    }

    private static void line(StringBuilder text, String meaning, String name, long value) {
        text.append(String.format("%-36s %-8s = %d%n", meaning, "(" + name + ")", value));
    }
}
