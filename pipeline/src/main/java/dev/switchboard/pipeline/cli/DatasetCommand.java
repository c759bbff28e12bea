package dev.switchboard.pipeline.cli;

import dev.switchboard.pipeline.backtest.MeldConversations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code switchboard dataset}: development sets for the backtest, built from public data. */
@Command(
        name = "dataset",
        mixinStandardHelpOptions = true,
        description = "Build backtest development sets (JSONL contract records with outcomes) from public data.",
        subcommands = {DatasetCommand.Meld.class})
public class DatasetCommand {
    @Command(
            name = "meld",
            mixinStandardHelpOptions = true,
            description = {
                "Turn MELD dialogues (CSV) into conversations with an outcome from MELD's sentiment labels.",
                "The main speaker of each dialogue is the customer; two consecutive negative lines of",
                "theirs make it 'escalated', none 'satisfied' (see docs/escalation.md)."
            })
    static class Meld implements Callable<Integer> {
        @Option(names = "--input", required = true, description = "MELD CSV, e.g. ../shared/data/meld/train_sent_emo.csv.")
        Path input;

        @Option(names = "--output", required = true, description = "Where to write the conversations (JSONL).")
        Path output;

        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (!Files.isReadable(input)) {
                throw new IllegalArgumentException("--input: cannot read " + input);
            }
            MeldConversations.Counts c = MeldConversations.convert(input, output);
            spec.commandLine().getOut().printf(
                    "%,d dialogues -> %,d conversations (%,d escalated, %,d satisfied, %,d unlabelled), %,d records in %s%n",
                    c.dialogues(), c.conversations(), c.escalated(), c.satisfied(), c.unlabelled(), c.records(), output);
            return 0;
        }
    }
}
