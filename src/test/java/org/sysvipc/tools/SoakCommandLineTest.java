package org.sysvipc.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysvipc.tools.soak.Janitor;
import org.sysvipc.tools.soak.SoakWorker;

/** The soak's command lines through the jar's entry point: bad ones get usage and exit 2; help names the soak. */
class SoakCommandLineTest {
    private record Result(int status, String out, String err) {
        static Result of(String... args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void badSoakCommandLinesPrintUsageAndExit2() {
        for (List<String> args : List.of(List.of("soak", "--seconds", "0"), List.of("soak", "--seconds"),
                List.of("soak", "--inject", "fire"), List.of("soak", "--fast"), List.of(SoakWorker.COMMAND, "1"),
                List.of(Janitor.COMMAND, "x"))) {
            Result result = Result.of(args.toArray(String[]::new));
            assertEquals(Main.USAGE, result.status(), args::toString);
            assertTrue(result.err().contains("Usage:"), result.err());
            assertEquals("", result.out(), args::toString);
        }
    }

    @Test
    void helpDescribesTheSoak() {
        Result help = Result.of("help");
        assertTrue(help.out().contains("soak [--seconds N]"), help.out());
    }
}
