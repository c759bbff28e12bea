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
 * CoreNLP's stock sentiment annotator (the RNTN over PCFG parses) on the same messages, for
 * comparison with {@link SentimentBenchmark}. Needs CoreNLP's English models jar, which only the
 * {@code rntn} Maven profile adds (it is about 474 MB).
 */
@State(Scope.Thread)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Threads(1)
public class RntnSentimentBenchmark {
    private StanfordCoreNLP pipeline;
    private String[] messages;
    private int next;

    @Setup(Level.Trial)
    public void load() throws IOException {
        if (RntnSentimentBenchmark.class.getResource(
                        "/edu/stanford/nlp/models/sentiment/sentiment.ser.gz")
                == null) {
            throw new IllegalStateException(
                    "CoreNLP's models jar is not on the classpath: build the benchmarks with -Prntn");
        }
        Properties props = new Properties();
        props.setProperty("annotators", "tokenize,ssplit,pos,parse,sentiment");
        pipeline = new StanfordCoreNLP(props);
        messages = BenchmarkMessages.load();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public CoreDocument throughput() {
        CoreDocument doc = new CoreDocument(messages[next]);
        next = next + 1 == messages.length ? 0 : next + 1;
        pipeline.annotate(doc);
        return doc;
    }
}
