package dev.switchboard.operators.meaning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.models.meaning.SecondOpinionSelector;
import dev.switchboard.models.meaning.SecondOpinionSelectorTrainer;
import dev.switchboard.models.meaning.SentimentSecondOpinion;
import dev.switchboard.models.sentiment.SentimentModel;
import dev.switchboard.models.sentiment.SentimentScore;
import dev.switchboard.models.sentiment.SpeakerRole;
import dev.switchboard.operators.records.ConversationEvent;
import dev.switchboard.operators.records.EventType;
import dev.switchboard.operators.records.Sentiment;
import dev.switchboard.operators.routing.RoutingSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The async step of the meaning tier, on Flink's operator test harness with the real tier: a
 * checkpoint holds no event in flight, so a restore, rescaled or not, has none to hand back to an
 * instance that does not own its conversation; and the selector picks the messages re-scored.
 */
class ReadMeaningOperatorTest {
    /** The tier on, the second opinion asked for decisive turns only, room for everything. */
    private static final MeaningSettings SETTINGS =
            new MeaningSettings(true, 100, Duration.ofSeconds(10), 1000, 1.0, 1, 100, 0, true, 0);

    private static final TypeSerializer<ConversationEvent> SERIALIZER =
            TypeInformation.of(ConversationEvent.class)
                    .createSerializer(new SerializerConfigImpl());

    @Test
    void theReadingsInFlightFinishBeforeTheBarrierAndTheCheckpointHoldsNone() throws Exception {
        OperatorSubtaskState snapshot;
        try (OneInputStreamOperatorTestHarness<ConversationEvent, ConversationEvent> harness =
                harness()) {
            harness.open();
            harness.processElement(new StreamRecord<>(decisive("a", "m1"), 1));
            harness.processElement(new StreamRecord<>(agent("a", "m2"), 2));
            harness.processElement(new StreamRecord<>(agent("b", "m1"), 3));

            harness.prepareSnapshotPreBarrier(1);
            List<ConversationEvent> out = harness.extractOutputValues();
            assertEquals(3, out.size(), "every event went on before the barrier");
            List<String> a =
                    out.stream()
                            .filter(e -> e.conversationId.equals("a"))
                            .map(e -> e.messageId)
                            .toList();
            assertEquals(List.of("m1", "m2"), a, "a's events in the order they came");
            ConversationEvent read =
                    out.stream()
                            .filter(e -> e.messageId.equals("m1") && e.conversationId.equals("a"))
                            .findFirst()
                            .orElseThrow();
            assertTrue(read.sentiment.secondOpinion, "the decisive turn was read");
            snapshot = harness.snapshot(1, 10);
        }
        try (OneInputStreamOperatorTestHarness<ConversationEvent, ConversationEvent> restored =
                harness()) {
            restored.initializeState(snapshot);
            restored.open();
            restored.endInput();
            assertEquals(List.of(), restored.extractOutputValues(), "nothing was in flight");
        }
    }

    private static final List<String> TEXTS =
            List.of(
                    "fine, whatever",
                    "not right now",
                    "Really? That seems like a lot.",
                    "thanks so much, that fixed it!",
                    "you people are useless",
                    "I already restarted the router three times. Still nothing.",
                    "what is my balance?");

    @Test
    void withTheSelectorTheSecondOpinionIsAskedWhereItIsLikelyToChangeTheLabel() throws Exception {
        MeaningSettings likelyOnly =
                new MeaningSettings(
                        true, 100, Duration.ofSeconds(10), 1000, 1.0, 1, 100, 0, false, 0.5);
        Map<String, Boolean> asked = askedFor(likelyOnly, SecondOpinionSelector.shipped());
        assertTrue(asked.containsValue(true) && asked.containsValue(false), asked.toString());
    }

    @Test
    void aSelectorFileFittedToADeploymentsMessagesTakesTheShippedOnesPlace(@TempDir Path dir)
            throws Exception {
        // Fitted to made-up readings in which the second opinion changes the label of questions
        // only: it asks for other messages than the shipped selector does.
        List<SecondOpinionSelectorTrainer.Reading> readings = new ArrayList<>();
        String[] openings = {"is my card", "the app is", "my refund is", "the line is", "it is"};
        String[] endings = {"blocked", "slow", "late", "down", "fine", "working"};
        for (int i = 0; i < 300; i++) {
            boolean question = i % 3 == 0;
            String text =
                    openings[i % openings.length]
                            + " "
                            + endings[(i / openings.length) % endings.length]
                            + (question ? "?" : ".");
            readings.add(new SecondOpinionSelectorTrainer.Reading(text, 0.3, 0.5, 0.2, question));
        }
        SecondOpinionSelector fitted = SecondOpinionSelectorTrainer.fit(readings, 1.0);
        Path file = dir.resolve("selector.gz");
        try (var out = Files.newOutputStream(file)) {
            fitted.write(out);
        }
        MeaningSettings withFile =
                new MeaningSettings(
                        true,
                        100,
                        Duration.ofSeconds(10),
                        1000,
                        1.0,
                        1,
                        100,
                        0,
                        false,
                        0.5,
                        file.toString());
        Map<String, Boolean> asked = askedFor(withFile, fitted);
        assertTrue(asked.containsValue(true) && asked.containsValue(false), asked.toString());
        Map<String, Boolean> shipped = new HashMap<>();
        for (int i = 0; i < TEXTS.size(); i++) {
            shipped.put(
                    "c" + i,
                    wouldAsk(
                            SecondOpinionSelector.shipped(), customer("c" + i, "m", TEXTS.get(i))));
        }
        assertNotEquals(shipped, asked, "the file's selector, not the shipped one");
    }

    /**
     * Runs {@link #TEXTS} through the operator and checks that it asked the second opinion for
     * exactly the messages {@code selector} gives 0.5 or more; returns which those were.
     */
    private static Map<String, Boolean> askedFor(
            MeaningSettings settings, SecondOpinionSelector selector) throws Exception {
        Map<String, Boolean> expected = new HashMap<>();
        try (OneInputStreamOperatorTestHarness<ConversationEvent, ConversationEvent> harness =
                harness(settings)) {
            harness.open();
            for (int i = 0; i < TEXTS.size(); i++) {
                ConversationEvent e = customer("c" + i, "m", TEXTS.get(i));
                expected.put(e.conversationId, wouldAsk(selector, e));
                harness.processElement(new StreamRecord<>(e, i));
            }
            harness.endInput();
            List<ConversationEvent> out = harness.extractOutputValues();
            assertEquals(TEXTS.size(), out.size());
            for (ConversationEvent e : out) {
                assertEquals(expected.get(e.conversationId), e.sentiment.secondOpinion, e.text);
            }
        }
        return expected;
    }

    private static boolean wouldAsk(SecondOpinionSelector selector, ConversationEvent e) {
        double[] fast =
                SentimentSecondOpinion.fastProbabilities(
                        new SentimentScore(
                                e.sentiment.label,
                                e.sentiment.score,
                                e.sentiment.confidence,
                                true));
        return selector.changeProbability(e.text, fast[0], fast[1], fast[2]) >= 0.5;
    }

    private static OneInputStreamOperatorTestHarness<ConversationEvent, ConversationEvent> harness()
            throws Exception {
        return harness(SETTINGS);
    }

    private static OneInputStreamOperatorTestHarness<ConversationEvent, ConversationEvent> harness(
            MeaningSettings settings) throws Exception {
        return new OneInputStreamOperatorTestHarness<>(
                new ReadMeaningOperator.Factory(
                        new ReadMeaning(RoutingSettings.NONE, settings), settings.capacity()),
                SERIALIZER);
    }

    private static ConversationEvent decisive(String conversation, String message) {
        ConversationEvent e =
                customer(conversation, message, "Terrible, I am so angry, nothing ever works");
        e.decisiveTurn = true;
        return e;
    }

    /** A customer message scored by the shipped English model, as the score step leaves it. */
    private static ConversationEvent customer(String conversation, String message, String text) {
        ConversationEvent e = message(conversation, message, text);
        e.role = SpeakerRole.CUSTOMER;
        SentimentModel fast = SentimentModel.loadDefault();
        SentimentScore s = fast.score(e.text, SpeakerRole.CUSTOMER, "en");
        e.sentiment = new Sentiment(s.label(), s.score(), s.confidence(), true, fast.id());
        return e;
    }

    private static ConversationEvent agent(String conversation, String message) {
        ConversationEvent e = message(conversation, message, "Let me check that for you.");
        e.role = SpeakerRole.AGENT;
        return e;
    }

    private static ConversationEvent message(String conversation, String message, String text) {
        ConversationEvent e = new ConversationEvent();
        e.type = EventType.MESSAGE;
        e.tenant = "acme";
        e.conversationId = conversation;
        e.messageId = message;
        e.text = text;
        e.language = "en";
        e.ts = 1;
        return e;
    }
}
