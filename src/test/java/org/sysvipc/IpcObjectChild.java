package org.sysvipc;

import java.util.List;

/**
 * {@link IpcObjectTest}'s other process, run in a user namespace that maps only its own user:
 * creates one object of each kind, gives it to user 5000, which is not mapped there (the kernel
 * answers EINVAL), and prints {@code KIND EXCEPTION ERRNO exists} for each, then removes them.
 */
public final class IpcObjectChild {
    private IpcObjectChild() {
    }

    public static void main(String[] args) {
        List<IpcObject> objects = List.of(MessageQueue.createPrivate(), SemaphoreSet.createPrivate(1),
                SharedMemory.createPrivate(16));
        try {
            for (IpcObject object : objects) {
                try {
                    object.setPermissions(5000, 5000, 0600);
                    System.out.println(object.getClass().getSimpleName() + " changed");
                } catch (IpcException e) {
                    System.out.println(object.getClass().getSimpleName() + " " + e.getClass().getSimpleName() + " "
                            + e.errno() + (IpcObjectTest.exists(object) ? " exists" : " gone"));
                }
            }
        } finally {
            objects.forEach(IpcObject::remove);
        }
    }
}
