package org.sysvipc.bench;

/** A benchmark failure whose message is the whole story; printed without a stack trace. */
final class BenchFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BenchFailure(String message) {
        super(message);
    }
}
