package org.sysvipc.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.sysvipc.IpcObject;
import org.sysvipc.IpcRemovedException;
import org.sysvipc.MessageQueue;
import org.sysvipc.SemaphoreSet;
import org.sysvipc.SharedMemory;

/**
 * What the tutorial created and started: IPC objects, files and child processes. It removes each
 * when the tutorial is done with it, and {@link #closeAll()} (also run by the shutdown hook, so on
 * Ctrl-C and SIGTERM too) ends the children and removes whatever is left, newest first.
 *
 * <p>Once closing, whatever is registered is removed or ended at once and the caller gets a
 * {@link CancellationException}: the tutorial's thread may still run while the hook does.
 */
final class Cleanup {
    /** How long to wait for a killed child to be gone. */
    private static final long KILL_WAIT_MILLIS = 5_000;

    private final PrintStream log;
    private final boolean verbose;
    private final Deque<Resource> resources = new ArrayDeque<>();
    private final Set<Process> children = new LinkedHashSet<>();
    private final Object closeLock = new Object();
    private boolean closing;

    /** Something removable, as the verbose log names it. */
    private record Resource(String name, Object handle, Removal removal) {
    }

    @FunctionalInterface
    private interface Removal {
        void remove() throws Exception;
    }

    Cleanup(PrintStream log, boolean verbose) {
        this.log = log;
        this.verbose = verbose;
    }

    /** Runs {@link #closeAll()} when the JVM shuts down, whether normally or on a signal. */
    void closeOnShutdown() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::closeAll, "tutorial-cleanup"));
    }

    /** Registers a queue, set or segment this process created; returns it. */
    <T extends IpcObject> T created(T object) {
        add(new Resource(name(object), object, object::remove));
        return object;
    }

    /** Registers a file, FIFO or empty directory this process created; returns it. */
    Path created(String kind, Path path) {
        add(new Resource(kind + " " + path, path, () -> deleteTree(path)));
        return path;
    }

    /** Registers a started child process; returns it. */
    Process started(Process child) {
        synchronized (this) {
            if (!closing) {
                children.add(child);
                note("started child process " + child.pid());
                return child;
            }
        }
        end(List.of(child));
        throw new CancellationException("shutting down");
    }

    /** Forgets a child that has ended. */
    synchronized void ended(Process child) {
        children.remove(child);
    }

    /**
     * Removes a resource registered with {@code created} now, unless it is gone already. The
     * removal happens under the lock, so that a concurrent {@link #closeAll()} cannot finish (and
     * let the JVM exit) while it is under way.
     */
    synchronized void remove(Object handle) {
        for (Iterator<Resource> it = resources.iterator(); it.hasNext(); ) {
            Resource resource = it.next();
            if (resource.handle().equals(handle)) {
                it.remove();
                removeNow(resource, true);
                return;
            }
        }
    }

    /**
     * Waits up to {@code timeout} for {@link #closeAll()} to start, and tells whether it has: a
     * failure seen at the moment of Ctrl-C, such as a child ended by the same SIGINT, is no failure
     * to report.
     */
    synchronized boolean awaitClosing(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (long left = timeout.toNanos(); !closing && left > 0; left = deadline - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return closing;
    }

    /**
     * Ends every child (SIGKILL) and removes every resource left, newest first. Later
     * registrations are undone at once.
     */
    void closeAll() {
        // one close at a time: the shutdown hook must not return (and let the JVM halt) while the
        // tutorial's own closeAll is still removing what it took
        synchronized (closeLock) {
            List<Process> running;
            List<Resource> left;
            synchronized (this) {
                closing = true;
                notifyAll();
                running = new ArrayList<>(children);
                children.clear();
                left = new ArrayList<>(resources);
                resources.clear();
            }
            // children first, so that none sees its objects vanish and none outlives the tutorial
            end(running);
            for (Resource resource : left) {
                removeNow(resource, false);
            }
        }
    }

    private void add(Resource resource) {
        synchronized (this) {
            if (!closing) {
                resources.push(resource);
                note("created " + resource.name());
                return;
            }
        }
        removeNow(resource, false);
        throw new CancellationException("shutting down");
    }

    private void removeNow(Resource resource, boolean rethrow) {
        try {
            resource.removal().remove();
            note("removed " + resource.name());
        } catch (IpcRemovedException gone) {
            note("removed " + resource.name() + " (it was gone already)");
        } catch (Exception e) {
            log.println("tutorial: could not remove " + resource.name() + ": " + e);
            if (rethrow) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
        }
    }

    /**
     * Kills the children outright: they hold nothing that needs an orderly end, since the kernel
     * gives back their semaphore locks ({@code SEM_UNDO}) and detaches their shared memory.
     */
    private void end(List<Process> running) {
        for (Process child : running) {
            child.destroyForcibly();
        }
        for (Process child : running) {
            try {
                child.waitFor(KILL_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            note("ended child process " + child.pid());
        }
    }

    private void note(String message) {
        if (verbose) {
            log.println("tutorial: " + message);
        }
    }

    private static String name(IpcObject object) {
        return switch (object) {
            case MessageQueue queue -> "message queue " + queue.id();
            case SemaphoreSet set -> "semaphore set " + set.id();
            case SharedMemory memory -> "shared memory segment " + memory.id();
        };
    }

    /** Deletes a file, or a directory with anything the tutorial left in it; a link, not what it points to. */
    static void deleteTree(Path path) throws IOException {
        if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> entries = Files.list(path)) {
                for (Path entry : entries.toList()) {
                    deleteTree(entry);
                }
            }
        }
        Files.deleteIfExists(path);
    }
}
