package org.sysvipc.tools.soak;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.sysvipc.IpcException;
import org.sysvipc.IpcKey;
import org.sysvipc.MessageQueue;
import org.sysvipc.SemaphoreSet;
import org.sysvipc.SharedMemory;
import org.sysvipc.tools.ChildProcess;
import org.sysvipc.tools.Main.UsageException;

/**
 * The soak's janitor: a child process, started before the soak creates anything, that removes
 * the soak's IPC objects if the soak dies without removing them itself, even by SIGKILL. The
 * soak tells it each object as it makes it, one line on its stdin ({@code track msg:KEY},
 * {@code sem:KEY}, {@code shm:KEY} or {@code shm-id:ID}); at its end it says {@code done}. If the
 * janitor's stdin ends without {@code done}, the soak died: it removes every object it was told
 * of that still exists. The soak's objects have random keys it created exclusively, so no other
 * program's object has them while the soak runs. (Killing the soak's whole process group
 * takes the janitor too; {@code bin/soak} runs the soak in an IPC namespace of its own when it
 * can, which the kernel empties when its last process ends.)
 */
public final class Janitor {
    /** The hidden command of the jar that runs the janitor. */
    public static final String COMMAND = "soak-janitor";
    private static final String TRACK = "track ";
    private static final String DONE = "done";

    private final Process process;
    private final PrintWriter commands;

    private Janitor(Process process) {
        this.process = process;
        this.commands = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
    }

    /** Starts a janitor. */
    static Janitor start() {
        List<String> command = ChildProcess.javaCommand();
        command.add(COMMAND);
        try {
            return new Janitor(new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the janitor: " + command, e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** Tells the janitor of objects to remove should the soak die: {@code msg:KEY} and the like. */
    void track(List<String> objects) {
        for (String object : objects) {
            commands.println(TRACK + object);
        }
    }

    /** Tells the janitor that the soak removed everything itself, and waits a little for it to end. */
    void dismiss() {
        commands.println(DONE);
        commands.close();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs the janitor: reads what to track until {@code done} or the end of stdin, and in the
     * latter case removes it.
     *
     * @param args none
     * @param err  where to say what it removed
     * @return the exit status, 0
     * @throws UsageException          if there are arguments
     * @throws IllegalArgumentException if a line is not one the soak writes
     */
    public static int run(List<String> args, PrintStream err) {
        if (!args.isEmpty()) {
            throw new UsageException(COMMAND + " takes no arguments, was given " + args);
        }
        Set<String> tracked = new LinkedHashSet<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals(DONE)) {
                    return 0;
                }
                if (!line.startsWith(TRACK)) {
                    throw new IllegalArgumentException(COMMAND + " cannot read " + line);
                }
                tracked.add(line.substring(TRACK.length()));
            }
        } catch (IOException e) {
            // the soak is gone all the same
        }
        List<String> removed = new ArrayList<>();
        for (String object : tracked) {
            if (remove(object)) {
                removed.add(object);
            }
        }
        if (!removed.isEmpty()) {
            err.println(COMMAND + ": the soak ended without removing its objects; removed " + removed);
        }
        return 0;
    }

    /** Removes one tracked object; returns whether it still existed. */
    static boolean remove(String object) {
        int colon = object.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not an object to track: " + object);
        }
        int number = Integer.parseInt(object.substring(colon + 1));
        try {
            switch (object.substring(0, colon)) {
                case "msg" -> MessageQueue.open(IpcKey.of(number)).remove();
                case "sem" -> SemaphoreSet.open(IpcKey.of(number)).remove();
                case "shm" -> SharedMemory.open(IpcKey.of(number)).remove();
                case "shm-id" -> SharedMemory.ofId(number).remove();
                default -> throw new IllegalArgumentException("not an object to track: " + object);
            }
            return true;
        } catch (IpcException gone) {
            return false;
        }
    }
}
