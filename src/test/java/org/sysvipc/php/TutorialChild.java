package org.sysvipc.php;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sysvipc.Fifo;
import org.sysvipc.IpcKey;

/**
 * The Java child of tutorial_parent.php: args fifo keyFile. Reads the parent's line from the FIFO,
 * takes the task from the queue of ftok(keyFile, 'q'), and replies with type 2.
 */
public final class TutorialChild {
    private TutorialChild() {
    }

    public static void main(String[] args) throws IOException {
        String line;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Fifo.open(Path.of(args[0])).newInputStream(), StandardCharsets.UTF_8))) {
            line = in.readLine();
        }
        PhpMessageQueue queue = PhpMessageQueue.open(IpcKey.ftok(Path.of(args[1]), 'q'));
        Map<?, ?> task = (Map<?, ?>) queue.receive(1, 8192).value();
        if (!"square".equals(task.get("task"))) {
            throw new IllegalStateException("unexpected task " + task);
        }
        long n = (Long) task.get("n");
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("result", n * n);
        reply.put("fifo", line);
        reply.put("note", task.get("note"));
        reply.put("from", "java");
        queue.send(2, reply);
        System.out.println("child done");
    }
}
