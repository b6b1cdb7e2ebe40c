package org.sysvipc;

import java.time.Duration;
import java.util.Arrays;

/**
 * The child-JVM side of {@link SemaphoreSetProcessTest}: {@code main(command, args...)} does one
 * thing and reports on stdout.
 */
public final class SemaphoreChild {
    private SemaphoreChild() {
    }

    /**
     * Commands:
     * <ul>
     * <li>{@code open KEY}: opens the set by key; prints {@code opened VALUES} or the exception's simple class name.</li>
     * <li>{@code lock ID}: takes the undo lock on semaphore 0, prints {@code locked}, sleeps until killed.</li>
     * <li>{@code undo ID}: takes 2 from semaphore 0 with undo and adds 3 to semaphore 1 without,
     *     prints {@code applied VALUES} and exits.</li>
     * <li>{@code initialize KEY GATE_ID VALUES...}: prints {@code ready}, waits for the gate's
     *     semaphore 0 to be zero, calls openInitialized, prints {@code result ID VALUE0} and adds 1
     *     to semaphore 1.</li>
     * </ul>
     */
    public static void main(String[] args) throws InterruptedException {
        switch (args[0]) {
            case "open" -> {
                try {
                    SemaphoreSet set = SemaphoreSet.open(IpcKey.of(Integer.parseInt(args[1])));
                    say("opened " + Arrays.toString(set.getAll()));
                } catch (IpcException e) {
                    say(e.getClass().getSimpleName());
                }
            }
            case "lock" -> {
                SemaphoreSet.ofId(Integer.parseInt(args[1])).lock(0);
                say("locked");
                Thread.sleep(Duration.ofMinutes(1));
            }
            case "undo" -> {
                SemaphoreSet set = SemaphoreSet.ofId(Integer.parseInt(args[1]));
                set.apply(SemaphoreOp.add(0, -2).withUndo(), SemaphoreOp.add(1, 3));
                say("applied " + Arrays.toString(set.getAll()));
            }
            case "initialize" -> {
                IpcKey key = IpcKey.of(Integer.parseInt(args[1]));
                SemaphoreSet gate = SemaphoreSet.ofId(Integer.parseInt(args[2]));
                int[] values = Arrays.stream(args, 3, args.length).mapToInt(Integer::parseInt).toArray();
                say("ready");
                gate.waitForZero(0);
                SemaphoreSet set = SemaphoreSet.openInitialized(key, 0600, Duration.ofSeconds(20), values);
                say("result " + set.id() + " " + set.getValue(0));
                set.release(1);
            }
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
