package org.sysvipc;

import java.util.List;

/**
 * {@link SetPermissionsTest}'s other process, run as an unprivileged user; reports on stdout.
 * <ul>
 * <li>{@code own UID}: for each kind, creates a private object, prints {@code created KIND ID}, sets
 *     its mode to 0, then back to 0640 (and, for the queue, its maximum bytes while its mode is
 *     0), prints {@code KIND mode OCTAL}, then the queue's maximum bytes, and removes them</li>
 * <li>{@code foreign UID QUEUE SET SEGMENT}: for each id, changes the owner's object's permissions
 *     (and the queue's maximum bytes) and prints {@code KIND CALL EXCEPTION ERRNO} or {@code KIND CALL ok}</li>
 * </ul>
 */
public final class SetPermissionsChild {
    private SetPermissionsChild() {
    }

    public static void main(String[] args) {
        int uid = Integer.parseInt(args[1]);
        switch (args[0]) {
            case "own" -> {
                MessageQueue queue = MessageQueue.createPrivate();
                SemaphoreSet set = SemaphoreSet.createPrivate(1);
                SharedMemory memory = SharedMemory.createPrivate(16);
                List<IpcObject> objects = List.of(queue, set, memory);
                try {
                    for (IpcObject object : objects) {
                        System.out.println("created " + kind(object) + " " + object.id());
                    }
                    for (IpcObject object : objects) {
                        object.setPermissions(uid, uid, 0);
                        if (object == queue) {
                            queue.setMaxBytes(4096);
                        }
                        object.setPermissions(uid, uid, 0640);
                        int mode = switch (object) {
                            case MessageQueue q -> q.stat().permissions().accessBits();
                            case SemaphoreSet s -> s.stat().permissions().accessBits();
                            case SharedMemory m -> m.stat().permissions().accessBits();
                        };
                        System.out.printf("%s mode %o%n", kind(object), mode);
                    }
                    System.out.println("queue maxBytes " + queue.stat().maxBytes());
                } catch (IpcException e) {
                    System.out.println("failed: " + e.getMessage());
                } finally {
                    objects.forEach(IpcObject::remove); // the owner may, whatever the mode
                }
            }
            case "foreign" -> {
                MessageQueue queue = MessageQueue.ofId(Integer.parseInt(args[2]));
                attempt("queue setPermissions", () -> queue.setPermissions(uid, uid, 0666));
                attempt("queue setMaxBytes", () -> queue.setMaxBytes(1024));
                SemaphoreSet set = SemaphoreSet.ofId(Integer.parseInt(args[3]));
                attempt("set setPermissions", () -> set.setPermissions(uid, uid, 0666));
                SharedMemory memory = SharedMemory.ofId(Integer.parseInt(args[4]));
                attempt("segment setPermissions", () -> memory.setPermissions(uid, uid, 0666));
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static String kind(IpcObject object) {
        return switch (object) {
            case MessageQueue q -> "queue";
            case SemaphoreSet s -> "set";
            case SharedMemory m -> "segment";
        };
    }

    private static void attempt(String what, Runnable call) {
        try {
            call.run();
            System.out.println(what + " ok");
        } catch (IpcException e) {
            System.out.println(what + " " + e.getClass().getSimpleName() + " " + e.errno());
        }
    }
}
