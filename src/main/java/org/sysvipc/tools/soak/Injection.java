package org.sysvipc.tools.soak;

import java.util.Locale;

/**
 * A defect the soak can plant in one worker, with the hidden option {@code --inject}, to show
 * that its accounting catches it and its exit status reports it: the tests use it.
 */
enum Injection {
    NONE,
    /** A consumer leaves one received message out of its ledger. */
    LOSS,
    /** A consumer logs one received message twice. */
    DUPLICATE,
    /** A producer flips a bit of one message after sealing it. */
    CORRUPTION;

    /** The worker's message at which the defect happens: early, but in steady running. */
    static final long AT_MESSAGE = 50;

    /** {@return whether a producer plants this defect (else a consumer does)} */
    boolean byProducer() {
        return this == CORRUPTION;
    }

    /** {@return the name on the command line, such as {@code loss}} */
    String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@return the injection named {@code name} on the command line} */
    static Injection ofOptionName(String name) {
        for (Injection injection : values()) {
            if (injection != NONE && injection.optionName().equals(name)) {
                return injection;
            }
        }
        throw new IllegalArgumentException("no injection " + name + "; there are loss, duplicate and corruption");
    }
}
