package org.sysvipc;

/**
 * {@link SharedMemoryOptionsTest}'s other process, run as an unprivileged user under a given
 * {@code RLIMIT_MEMLOCK}; prints {@code WHAT ok} or {@code WHAT EXCEPTION ERRNO} per step.
 * <ul>
 * <li>{@code own SMALL LARGE}: locks and unlocks a segment of SMALL bytes it creates (printing
 *     whether the stat said locked), then locks one of LARGE bytes</li>
 * <li>{@code foreign ID}: locks another user's segment</li>
 * <li>{@code huge SIZE}: creates a segment of huge pages without reserving them</li>
 * </ul>
 */
public final class SharedMemoryOptionsChild {
    private SharedMemoryOptionsChild() {
    }

    public static void main(String[] args) {
        switch (args[0]) {
            case "own" -> {
                SharedMemory small = SharedMemory.createPrivate(Long.parseLong(args[1]));
                SharedMemory large = SharedMemory.createPrivate(Long.parseLong(args[2]));
                try {
                    step("lock small", () -> {
                        small.lockInMemory();
                        System.out.print("locked " + small.stat().lockedInMemory() + ", ");
                        small.unlockInMemory();
                        System.out.print("unlocked " + !small.stat().lockedInMemory() + ", ");
                    });
                    step("lock large", large::lockInMemory);
                } finally {
                    small.remove();
                    large.remove();
                }
            }
            case "foreign" -> step("lock foreign", SharedMemory.ofId(Integer.parseInt(args[1]))::lockInMemory);
            case "huge" -> step("huge pages", () -> SharedMemory.createPrivate(Long.parseLong(args[1]),
                    SharedMemory.Option.HUGE_PAGES, SharedMemory.Option.NO_RESERVE).remove());
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void step(String what, Runnable call) {
        try {
            call.run();
            System.out.println(what + " ok");
        } catch (IpcException e) {
            System.out.println(what + " " + e.getClass().getSimpleName() + " " + e.errno());
            System.err.println(e.getMessage());
        }
    }
}
