package dev.switchboard.bench;

import edu.stanford.nlp.pipeline.CoreDocument;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import java.io.IOException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What finding names and places with CoreNLP's NER would cost per message, beside the rule-based
 * {@link RedactionBenchmark}: the lightest pipeline that tags persons and locations (tokenize,
 * ssplit, pos, lemma, ner with the 3-class CRF only, without SUTime, numeric classifiers or fine-grained tags). Needs
 * CoreNLP's English models jar, which only the {@code rntn} Maven profile adds.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Threads(1)
public class NerBenchmark {
    private StanfordCoreNLP pipeline;
    private String[] messages;
    private int next;

    @Setup(Level.Trial)
    public void load() throws IOException {
        if (NerBenchmark.class.getResource("/edu/stanford/nlp/models/ner/english.all.3class.distsim.crf.ser.gz") == null) {
            throw new IllegalStateException("CoreNLP's models jar is not on the classpath: build the benchmarks with -Prntn");
        }
        Properties props = new Properties();
        props.setProperty("annotators", "tokenize,ssplit,pos,lemma,ner");
        // One CRF (person, location, organisation) instead of the default three.
        props.setProperty("ner.model", "edu/stanford/nlp/models/ner/english.all.3class.distsim.crf.ser.gz");
        props.setProperty("ner.useSUTime", "false");
        props.setProperty("ner.applyNumericClassifiers", "false");
        props.setProperty("ner.applyFineGrained", "false");
        props.setProperty("ner.buildEntityMentions", "true");
        pipeline = new StanfordCoreNLP(props);
        messages = BenchmarkMessages.load();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public CoreDocument perMessage() {
        CoreDocument doc = new CoreDocument(messages[next]);
        next = next + 1 == messages.length ? 0 : next + 1;
        pipeline.annotate(doc);
        return doc;
    }
}
