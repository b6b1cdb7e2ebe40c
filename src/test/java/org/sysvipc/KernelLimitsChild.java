package org.sysvipc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Child of {@link KernelLimitsTest}, run in an IPC namespace of its own with small limits. Each
 * argument names a group of scenarios; each scenario prints one line, {@code name: outcome}, where
 * the outcome is {@code ok} and the value returned, or the exception's simple class name, errno
 * name and message. The groups assume the limits {@link KernelLimitsTest#SYSCTLS} sets.
 */
public final class KernelLimitsChild {
    private final List<IpcObject> created = new ArrayList<>();

    private KernelLimitsChild() {
    }

    /** Runs the groups {@code args} names, in order. */
    public static void main(String[] args) throws Exception {
        KernelLimitsChild child = new KernelLimitsChild();
        for (String group : args) {
            try {
                switch (group) {
                    case "limits" -> child.limits();
                    case "messages" -> child.messages();
                    case "semaphores" -> child.semaphores();
                    case "sharedMemory" -> child.sharedMemory();
                    default -> throw new IllegalArgumentException("no group " + group);
                }
            } finally {
                child.removeCreated();
            }
        }
        System.out.flush();
    }

    /** What IPC_INFO reports and what this namespace's sysctl files hold. */
    private void limits() {
        attempt("limits", IpcLimits::current);
        attempt("sysctls", () -> String.join(" ", sysctl("msgmax"), sysctl("msgmnb"), sysctl("msgmni"),
                sysctl("shmmax"), sysctl("shmall"), sysctl("shmmni"), sysctl("sem")));
    }

    /** msgmni 2, msgmax 100, msgmnb 200. */
    private void messages() {
        MessageQueue first = keep(MessageQueue.createPrivate());
        MessageQueue second = keep(MessageQueue.createPrivate());
        attempt("msgmni.third", () -> keep(MessageQueue.createPrivate()));
        attempt("msgmnb.newQueueMaxBytes", () -> first.stat().maxBytes());
        attempt("msgmax.sendAtLimit", () -> send(first, 100));
        attempt("msgmax.sendAboveLimit", () -> send(first, 101));
        attempt("msgmnb.sendToCapacity", () -> send(first, 100));
        attempt("msgmnb.trySendAboveCapacity", () -> first.trySend(1, new byte[1]));
        second.remove();
        created.remove(second);
        attempt("msgmni.afterRemove", () -> keep(MessageQueue.createPrivate()));
    }

    /** sem "5 7 3 2": semmsl 5, semmns 7, semopm 3, semmni 2. */
    private void semaphores() {
        attempt("semmsl.above", () -> keep(SemaphoreSet.createPrivate(6)));
        SemaphoreSet five = keep(SemaphoreSet.createPrivate(5));
        // one set exists, so only semmns (5 + 3 > 7) can refuse this
        attempt("semmns.above", () -> keep(SemaphoreSet.createPrivate(3)));
        keep(SemaphoreSet.createPrivate(1));
        // 5 + 1 + 1 fits semmns, so only semmni (two sets exist) can refuse this
        attempt("semmni.third", () -> keep(SemaphoreSet.createPrivate(1)));
        SemaphoreOp increment = SemaphoreOp.add(0, 1);
        attempt("semopm.atLimit", () -> {
            five.apply(increment, increment, increment);
            return five.getValue(0);
        });
        attempt("semopm.above", () -> {
            five.apply(increment, increment, increment, increment);
            return five.getValue(0);
        });
    }

    /** shmmax 65536, shmall 8 pages (32768 bytes with 4 KiB pages), shmmni 1. */
    private void sharedMemory() {
        attempt("shmmax.above", () -> keep(SharedMemory.createPrivate(65537)));
        // within shmmax and no segment exists, so only shmall can refuse this
        attempt("shmall.above", () -> keep(SharedMemory.createPrivate(65536)));
        attempt("shmall.atLimit", () -> {
            SharedMemory all = SharedMemory.createPrivate(32768);
            all.remove();
            return all.id() >= 0;
        });
        keep(SharedMemory.createPrivate(4096));
        // two pages fit shmall, so only shmmni (one segment exists) can refuse this
        attempt("shmmni.second", () -> keep(SharedMemory.createPrivate(4096)));
    }

    private static String send(MessageQueue queue, int length) {
        queue.send(1, new byte[length]);
        return "sent " + length;
    }

    private <T extends IpcObject> T keep(T object) {
        created.add(object);
        return object;
    }

    private void removeCreated() {
        for (IpcObject object : created) {
            object.remove();
        }
        created.clear();
    }

    private static String sysctl(String name) {
        try {
            // not Files.readString: it trusts the size procfs reports
            return Files.readAllLines(Path.of("/proc/sys/kernel", name)).get(0).trim().replaceAll("\\s+", " ");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void attempt(String scenario, Callable<?> action) {
        String outcome;
        try {
            outcome = "ok " + action.call();
        } catch (IpcException e) {
            outcome = e.getClass().getSimpleName() + " " + e.errno().name() + " " + e.getMessage();
        } catch (Exception e) {
            outcome = e.getClass().getSimpleName() + " - " + e.getMessage();
        }
        System.out.println(scenario + ": " + outcome);
    }
}
