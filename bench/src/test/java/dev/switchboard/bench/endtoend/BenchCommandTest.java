package dev.switchboard.bench.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.pipeline.cli.SwitchboardCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code switchboard bench} parses as the job's commands do, from its own jar. */
class BenchCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        var cli = SwitchboardCommand.commandLine(new BenchCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void helpListsTheBenchAndTheJobsOptions() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("--rate"), out.toString());
        assertTrue(out.toString().contains("--bootstrap-servers"), out.toString());
    }

    @Test
    void badValuesAreRefusedBeforeAnyBrokerStarts() {
        assertEquals(2, run("--rate", "0"));
        assertTrue(err.toString().contains("--rate"), err.toString());
        assertEquals(2, run("--duration", "soon"));
        assertTrue(err.toString().contains("--duration"), err.toString());
        assertEquals(2, run("--warmup", "30s", "--warmup-limit", "10s"));
        assertTrue(err.toString().contains("--warmup-limit"), err.toString());
    }
}
