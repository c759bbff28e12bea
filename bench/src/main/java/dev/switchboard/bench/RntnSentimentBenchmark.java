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
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * CoreNLP's stock sentiment annotator (the RNTN over PCFG parses) on the same messages, for
 * comparison with {@link SentimentBenchmark}. Needs CoreNLP's English models jar, which only the
 * {@code rntn} Maven profile adds (it is about 474 MB).
 */
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class RntnSentimentBenchmark extends MessageBenchmark {
    private StanfordCoreNLP pipeline;

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
        loadMessages();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public CoreDocument throughput() {
        CoreDocument doc = new CoreDocument(nextMessage());
        pipeline.annotate(doc);
        return doc;
    }
}
