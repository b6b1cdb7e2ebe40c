package org.sysvipc.tools;

import org.sysvipc.SemaphoreSet;

/** Creates a private set of two semaphores and prints its id: run as another user, it is that user's. */
public final class CreateSetChild {
    private CreateSetChild() {
    }

    /**
     * Prints the new set's id.
     *
     * @param args none
     */
    public static void main(String[] args) {
        System.out.println(SemaphoreSet.createPrivate(2).id());
    }
}
