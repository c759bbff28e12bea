package dev.switchboard.bench;

import dev.switchboard.models.meaning.SecondOpinionSelector;
import dev.switchboard.models.meaning.SentimentSecondOpinion;
import dev.switchboard.models.sentiment.SentimentModel;
import dev.switchboard.models.sentiment.SentimentScore;
import dev.switchboard.models.sentiment.SpeakerRole;
import java.io.IOException;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What the meaning tier adds to an English customer message with {@code
 * --second-opinion-likely-to-change} on, before it asks the network or not: the fast scores turned
 * back into a distribution and the selector's reading of the message, on one thread. Each call
 * scores the message with the fast model first (the job has that score already), so the selector's
 * own cost is the difference from {@link SentimentBenchmark} in the same session.
 */
public class SecondOpinionSelectorBenchmark extends ModelBenchmark {
    private SecondOpinionSelector selector;
    private SentimentModel fast;

    @Setup(Level.Trial)
    public void load() throws IOException {
        selector = SecondOpinionSelector.shipped();
        fast = SentimentModel.loadDefault();
        loadMessages("en");
    }

    @Override
    protected Object score(String text) {
        SentimentScore s = fast.score(text, SpeakerRole.CUSTOMER, "en");
        double[] p = SentimentSecondOpinion.fastProbabilities(s);
        return selector.changeProbability(text, p[0], p[1], p[2]);
    }

    /** Runs only this benchmark. */
    public static void main(String[] args) throws RunnerException {
        new Runner(
                        new OptionsBuilder()
                                .include(SecondOpinionSelectorBenchmark.class.getSimpleName())
                                .build())
                .run();
    }
}
