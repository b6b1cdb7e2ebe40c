package org.sysvipc.php;

import org.sysvipc.IpcKey;

/** A child JVM for the counter test: args shmKey semKey n; adds 1 to variable 1, n times, under the semaphore. */
public final class CounterChild {
    private CounterChild() {
    }

    public static void main(String[] args) {
        IpcKey shmKey = IpcKey.of(Integer.parseInt(args[0]));
        IpcKey semKey = IpcKey.of(Integer.parseInt(args[1]));
        int n = Integer.parseInt(args[2]);
        PhpSemaphoreTest.count(shmKey, semKey, n);
        System.out.println("ok");
    }
}
