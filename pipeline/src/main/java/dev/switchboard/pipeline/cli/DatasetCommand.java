package dev.switchboard.pipeline.cli;

import dev.switchboard.pipeline.backtest.MeldConversations;
import dev.switchboard.pipeline.backtest.UssConversations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code switchboard dataset}: development sets for the backtest, built from public data. */
@Command(
        name = "dataset",
        mixinStandardHelpOptions = true,
        description =
                "Build backtest development sets (JSONL contract records with outcomes) from public data.",
        subcommands = {
            DatasetCommand.Meld.class,
            DatasetCommand.Uss.class,
            DatasetCommand.ContactCenterTraffic.class
        })
public class DatasetCommand {
    /**
     * One public file in, one JSONL file of conversations out, and a line saying what was written.
     */
    abstract static class Conversion implements Callable<Integer> {
        @Option(names = "--input", required = true, description = "The public data file.")
        List<Path> inputs;

        @Option(
                names = "--output",
                required = true,
                description = "Where to write the conversations (JSONL).")
        Path output;

        @Spec CommandSpec spec;

        /** Converts {@link #input} into {@link #output}; returns what to print. */
        abstract String convert() throws Exception;

        @Override
        public Integer call() throws Exception {
            for (Path input : inputs) {
                if (!Files.isReadable(input)) {
                    throw new IllegalArgumentException("--input: cannot read " + input);
                }
            }
            spec.commandLine().getOut().println(convert());
            return 0;
        }
    }

    @Command(
            name = "meld",
            mixinStandardHelpOptions = true,
            description = {
                "Turn MELD dialogues (CSV, e.g. ../shared/data/meld/train_sent_emo.csv) into conversations with an",
                "outcome from MELD's sentiment labels. The main speaker of each dialogue is the customer; two",
                "consecutive negative lines of theirs make it 'escalated', none 'satisfied' (see docs/escalation.md)."
            })
    static class Meld extends Conversion {
        @Override
        String convert() throws Exception {
            if (inputs.size() != 1) {
                throw new IllegalArgumentException("--input: give one MELD file");
            }
            MeldConversations.Counts c = MeldConversations.convert(inputs.get(0), output);
            return String.format(
                    "%,d dialogues -> %,d conversations (%,d escalated, %,d satisfied, %,d unlabelled), %,d records in %s",
                    c.dialogues(),
                    c.conversations(),
                    c.escalated(),
                    c.satisfied(),
                    c.unlabelled(),
                    c.records(),
                    output);
        }
    }

    @Command(
            name = "uss",
            mixinStandardHelpOptions = true,
            description = {
                "Turn USS dialogue files (e.g. ../shared/data/uss-dev/ReDial.txt; --input is repeatable, and later",
                "files continue the earlier ones' event time) into chat conversations with an",
                "outcome from the annotators' overall rating: mean rounded half to even, <= 2 'dissatisfied',",
                "3 'neutral', >= 4 'satisfied' (see docs/escalation.md). Development and evaluation only: the",
                "annotations carry no licence to train a shipped model on."
            })
    static class Uss extends Conversion {
        @Override
        String convert() throws Exception {
            UssConversations.Counts c = UssConversations.convert(inputs, output);
            return String.format(
                    "%,d conversations (%,d dissatisfied, %,d neutral, %,d satisfied, %,d unlabelled), %,d records in %s",
                    c.conversations(),
                    c.dissatisfied(),
                    c.neutral(),
                    c.satisfied(),
                    c.unlabelled(),
                    c.records(),
                    output);
        }
    }

    @Command(
            name = "contact-center",
            mixinStandardHelpOptions = true,
            description = {
                "Simulated traffic of the demo's contact center (four tenants, chat and voice, agents, 70% calm,",
                "20% annoyed, 10% angry customers) in event time, for the backtest. Steady unless --scenarios adds",
                "the demo's refund surge and strained agent. What the insight detectors must stay quiet on: see",
                "docs/insights.md."
            })
    static class ContactCenterTraffic implements Callable<Integer> {
        @Option(
                names = "--output",
                required = true,
                description = "Where to write the records (JSONL).")
        Path output;

        @Option(
                names = "--hours",
                defaultValue = "24",
                description = "Simulated hours (default: ${DEFAULT-VALUE}).")
        double hours;

        @Option(
                names = "--per-minute",
                defaultValue = "20",
                description = "New conversations a minute (default: ${DEFAULT-VALUE}).")
        double perMinute;

        @Option(
                names = "--scenarios",
                description = "Add the demo's refund surge and strained agent (default: steady).")
        boolean scenarios;

        @Option(
                names = "--agents-per-tenant",
                defaultValue = "0",
                description =
                        "Agents of each tenant (default: the demo's 12, 10, 8 and 6, who at 20 conversations a minute each take some 25 contacts an hour).")
        int agentsPerTenant;

        @Option(
                names = "--seed",
                defaultValue = "1",
                description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(
                names = "--start",
                defaultValue = "2026-12-01T00:00:00Z",
                description = "Event time of the first conversation (default: ${DEFAULT-VALUE}).")
        java.time.Instant start;

        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (!(hours > 0)) {
                throw new IllegalArgumentException("--hours must be positive, was " + hours);
            }
            long records =
                    dev.switchboard.pipeline.demo.ContactCenterDataset.write(
                            output,
                            seed,
                            start.toEpochMilli(),
                            java.time.Duration.ofMillis(Math.round(hours * 3_600_000)),
                            perMinute,
                            scenarios,
                            agentsPerTenant);
            spec.commandLine()
                    .getOut()
                    .printf(
                            "%,d records of %.1f simulated hours (%s) in %s%n",
                            records,
                            hours,
                            scenarios ? "with the surge and the strained agent" : "steady",
                            output);
            return 0;
        }
    }
}
