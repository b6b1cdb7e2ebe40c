package org.sysvipc.tools.soak;

import java.io.PrintStream;

/**
 * The soak's account of what it does, on stderr with {@code --verbose}: each object created and
 * removed, each worker started and killed. Tests read it to check that nothing is left behind.
 */
final class SoakLog {
    private final PrintStream err;
    private final boolean verbose;

    SoakLog(PrintStream err, boolean verbose) {
        this.err = err;
        this.verbose = verbose;
    }

    /** Notes {@code event} if verbose, as {@code soak: EVENT}. */
    void note(String event) {
        if (verbose) {
            err.println("soak: " + event);
        }
    }

    /** Tells {@code problem} always, as {@code soak: PROBLEM}. */
    void warn(String problem) {
        err.println("soak: " + problem);
    }
}
