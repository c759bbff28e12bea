package dev.switchboard.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SwitchboardCommandTest {
    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine cli = SwitchboardCommand.commandLine();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(out));
        return cli.execute(args);
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] command : new String[][] {{}, {"demo"}, {"run"}, {"model"}, {"model", "train"}, {"model", "evaluate"}, {"model", "score"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            assertEquals(0, run(args), String.join(" ", args));
        }
        assertTrue(out.toString().contains("--bootstrap-servers"));
    }

    @Test
    void anUnknownFlagIsRefusedByName() {
        assertEquals(2, run("run", "--bootstrap-server", "x:1"));
        assertTrue(err.toString().contains("--bootstrap-server"), err.toString());
    }

    @Test
    void aBadValueNamesTheOption() {
        assertEquals(2, run("run", "--delivery", "twice"));
        assertTrue(err.toString().contains("--delivery"), err.toString());
    }

    @Test
    void anUnreadableDurationNamesTheOption() {
        assertEquals(2, run("run", "--idle-timeout", "soon"));
        assertTrue(err.toString().contains("--idle-timeout"), err.toString());
    }

    @Test
    void valuesThatContradictEachOtherAreRefused() {
        assertEquals(2, run("run", "--idle-timeout", "2h", "--state-ttl", "1h"));
        assertTrue(err.toString().contains("--state-ttl"), err.toString());
    }

    private static String csv(String content) throws Exception {
        java.nio.file.Path csv = java.nio.file.Files.createTempFile("labels", ".csv");
        java.nio.file.Files.writeString(csv, content);
        return csv.toString();
    }

    @Test
    void modelEvaluateNamesAMissingColumn() throws Exception {
        assertEquals(2, run("model", "evaluate", "--data", csv("text,label\nhello,neutral\n"), "--text-column", "body", "--label-column", "label"));
        assertTrue(err.toString().contains("'body'"), err.toString());
    }

    @Test
    void modelEvaluateNamesAnUnknownLabel() throws Exception {
        assertEquals(2, run("model", "evaluate", "--data", csv("text,label\nhello,NEUTRAL\nbye,grumpy\n"), "--text-column", "text", "--label-column", "label"));
        assertTrue(err.toString().contains("'grumpy'"), err.toString());
    }

    @Test
    void aBadNationalIdPatternIsRefused() {
        assertEquals(2, run("run", "--national-id-pattern", "(unclosed"));
        assertTrue(err.toString().contains("--national-id-pattern"), err.toString());
    }

    @Test
    void modelScorePrintsALabel() {
        assertEquals(0, run("model", "score", "Thank you so much, that fixed it!"));
        assertTrue(out.toString().startsWith("positive"), out.toString());
    }
}
