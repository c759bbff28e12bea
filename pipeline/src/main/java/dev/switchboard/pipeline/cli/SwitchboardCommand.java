package dev.switchboard.pipeline.cli;

import dev.switchboard.pipeline.config.JobOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code switchboard} command line: {@code demo}, {@code run}, {@code backtest}, {@code
 * dataset} and {@code model}.
 */
@Command(
        name = "switchboard",
        mixinStandardHelpOptions = true,
        version = "switchboard 0.1.0",
        description =
                "Sentiment, escalation and routing for contact-center conversations on Apache Flink.",
        subcommands = {
            DemoCommand.class,
            RunCommand.class,
            BoardCommand.class,
            BacktestCommand.class,
            DatasetCommand.class,
            ModelCommand.class
        })
public class SwitchboardCommand {
    public static void main(String[] args) {
        CommandLine cli = commandLine();
        int code = cli.execute(args);
        CommandLine.ParseResult parsed = cli.getParseResult();
        boolean ranJob =
                code == 0
                        && parsed != null
                        && parsed.subcommand() != null
                        && parsed.subcommand().commandSpec().name().equals("run");
        // Submitted through Flink (flink run, or the REST API's jar run), this main runs inside a
        // Flink process: exiting would take it down. Every other command ends the JVM here, so
        // that threads a MiniCluster leaves behind do not keep it alive.
        if (!ranJob) {
            System.exit(code);
        }
    }

    /**
     * Bad flags and bad values (IllegalArgumentException from validation) exit 2 with a one-line
     * message.
     */
    public static CommandLine commandLine() {
        return commandLine(new SwitchboardCommand());
    }

    /**
     * The same parsing and error handling for a command that runs on its own ({@code switchboard
     * bench}, from the benchmarks jar).
     */
    public static CommandLine commandLine(Object command) {
        CommandLine cli = JobOptions.withConverters(new CommandLine(command));
        cli.setExecutionExceptionHandler(
                (e, commandLine, parseResult) -> {
                    if (e instanceof IllegalArgumentException) {
                        commandLine.getErr().println("switchboard: " + e.getMessage());
                        return 2;
                    }
                    throw e;
                });
        return cli;
    }
}
