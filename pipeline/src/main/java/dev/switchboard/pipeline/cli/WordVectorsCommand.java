package dev.switchboard.pipeline.cli;

import dev.switchboard.models.text.WordVectors;
import dev.switchboard.models.training.WordVectorsBuilder;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "word-vectors",
        mixinStandardHelpOptions = true,
        description =
                "Convert the word embeddings and the RNTN's word sentiment of CoreNLP's English models jar into the word-vectors file the sentiment model reads.")
public class WordVectorsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
            names = "--corenlp-models",
            required = true,
            description =
                    "stanford-corenlp-4.5.10-models.jar (e.g. from ~/.m2/repository/edu/stanford/nlp/stanford-corenlp/4.5.10/).")
    Path jar;

    @Option(names = "--out", required = true, description = "File to write (word-vectors.bin.gz).")
    Path out;

    @Override
    public Integer call() throws Exception {
        WordVectors vectors = WordVectorsBuilder.build(jar);
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        try (OutputStream o = Files.newOutputStream(out)) {
            vectors.write(o);
        }
        spec.commandLine()
                .getErr()
                .printf(
                        Locale.ROOT,
                        "wrote %s: %d words (%d bytes, checksum %x)%n",
                        out,
                        vectors.size(),
                        Files.size(out),
                        vectors.checksum());
        return 0;
    }
}
