package org.sysvipc;

/** Prints the ids of every queue, semaphore set and segment it can list, one kind a line. */
public final class IpcListingChild {
    private IpcListingChild() {
    }

    /**
     * Prints the listing.
     *
     * @param args none
     */
    public static void main(String[] args) {
        System.out.println("queues " + IpcListing.messageQueues().stream().map(IpcListing.Entry::id).toList());
        System.out.println("sets " + IpcListing.semaphoreSets().stream().map(IpcListing.Entry::id).toList());
        System.out.println("segments " + IpcListing.sharedMemory().stream().map(IpcListing.Entry::id).toList());
    }
}
