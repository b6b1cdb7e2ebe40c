package org.sysvipc.tools.soak;

/**
 * What one worker of a lane does and at what pace.
 *
 * @param role        producer or consumer
 * @param burst       for a producer, the messages sent between pauses, 0 for no pauses; for a consumer, 1
 * @param pauseMicros how long a pause lasts
 * @param timedLock   whether it takes a lane's lock with a timeout ({@code semtimedop}) rather than without
 *                    ({@code semop}); in a channel lane, whether it sends or receives with a timeout
 */
record WorkerSpec(Role role, int burst, long pauseMicros, boolean timedLock) {
    /** A worker's part in a lane. */
    enum Role {
        PRODUCER, CONSUMER
    }

    WorkerSpec {
        if (burst < 0 || pauseMicros < 0 || role == Role.CONSUMER && burst > 1) {
            throw new IllegalArgumentException("no " + role + " with bursts of " + burst + " and pauses of "
                    + pauseMicros + " µs");
        }
    }

    /** {@return a producer that sends without pauses} */
    static WorkerSpec producer(boolean timedLock) {
        return new WorkerSpec(Role.PRODUCER, 0, 0, timedLock);
    }

    /** {@return a producer that pauses {@code pauseMicros} after every {@code burst} messages} */
    static WorkerSpec pacedProducer(int burst, long pauseMicros) {
        return new WorkerSpec(Role.PRODUCER, burst, pauseMicros, false);
    }

    /** {@return a producer that pauses {@code pauseMicros} after every {@code burst} messages, with timed waits if {@code timed}} */
    static WorkerSpec burstProducer(int burst, long pauseMicros, boolean timed) {
        return new WorkerSpec(Role.PRODUCER, burst, pauseMicros, timed);
    }

    /** {@return a consumer that pauses {@code pauseMicros} after each message, 0 for none} */
    static WorkerSpec consumer(long pauseMicros, boolean timedLock) {
        return new WorkerSpec(Role.CONSUMER, pauseMicros > 0 ? 1 : 0, pauseMicros, timedLock);
    }

    boolean isProducer() {
        return role == Role.PRODUCER;
    }

    /** {@return whether to pause after the {@code count}th message} */
    boolean pausesAfter(long count) {
        return pauseMicros > 0 && (burst <= 1 || count % burst == 0);
    }
}
