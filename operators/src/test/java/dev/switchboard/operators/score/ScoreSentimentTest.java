package dev.switchboard.operators.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.models.sentiment.SentimentLabel;
import dev.switchboard.models.sentiment.SpeakerRole;
import dev.switchboard.operators.records.Channel;
import dev.switchboard.operators.records.ConversationEvent;
import dev.switchboard.operators.records.EventType;
import dev.switchboard.operators.records.ScoredMessage;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class ScoreSentimentTest {
    private static ConversationEvent message(String id, String text, Boolean isFinal) {
        ConversationEvent e = new ConversationEvent();
        e.type = EventType.MESSAGE;
        e.tenant = "acme";
        e.conversationId = "c-1";
        e.messageId = id;
        e.channel = isFinal == null ? Channel.CHAT : Channel.VOICE;
        e.role = SpeakerRole.CUSTOMER;
        e.text = text;
        e.isFinal = isFinal;
        e.ts = 1_000;
        return e;
    }

    @Test
    void aCustomersTextGoesOnWithRoomPastTheExcerptForTheRedactorAndNoSplitCharacter()
            throws Exception {
        int kept = ScoreSentiment.EXCERPT_LENGTH + ScoreSentiment.REDACTION_CONTEXT;
        String text = "x".repeat(kept - 1) + "\uD83D\uDE00 and more";
        try (OneInputStreamOperatorTestHarness<ConversationEvent, ConversationEvent> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(new ScoreSentiment())) {
            harness.processElement(new StreamRecord<>(message("m1", text, null)));
            assertEquals("x".repeat(kept - 1), harness.extractOutputValues().get(0).text);
        }
    }

    @Test
    void scoresFinalMessagesSkipsPartialsAndKeepsOnlyAnExcerpt() throws Exception {
        try (OneInputStreamOperatorTestHarness<ConversationEvent, ConversationEvent> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(new ScoreSentiment())) {
            harness.processElement(
                    new StreamRecord<>(
                            message("m1", "This is the worst service ever, I am furious!", null)));
            harness.processElement(new StreamRecord<>(message("m2", "this is the", false)));
            harness.processElement(
                    new StreamRecord<>(
                            message("m2", "this is the best help I have had, thank you!", true)));
            ConversationEvent end = new ConversationEvent();
            end.type = EventType.CONVERSATION_ENDED;
            end.tenant = "acme";
            end.conversationId = "c-1";
            harness.processElement(new StreamRecord<>(end));

            List<ConversationEvent> passed = harness.extractOutputValues();
            assertEquals(4, passed.size(), "every event goes on to the conversation state");
            assertEquals(
                    "This is the worst service ever, I am furious!",
                    passed.get(0).text,
                    "a customer's excerpt goes on");
            assertNull(passed.get(1).text, "no text of an unscored segment");
            assertNull(passed.get(3).text);
            assertEquals(SentimentLabel.NEGATIVE, passed.get(0).sentiment.label);
            assertNull(passed.get(1).sentiment, "a partial segment is not scored");
            assertEquals(SentimentLabel.POSITIVE, passed.get(2).sentiment.label);
            assertNull(passed.get(3).sentiment);

            List<ScoredMessage> scores =
                    harness.getSideOutput(ScoreSentiment.SCORES).stream()
                            .map(StreamRecord::getValue)
                            .toList();
            assertEquals(List.of("m1", "m2"), scores.stream().map(s -> s.messageId).toList());
            assertNotNull(scores.get(0).id);
            assertEquals(passed.get(0).sentiment, scores.get(0).sentiment);
        }
    }

    @Test
    void aMessageInAnotherOfTheTenantsLanguagesIsMarkedUnsupportedNotGuessed() throws Exception {
        try (OneInputStreamOperatorTestHarness<ConversationEvent, ConversationEvent> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new ScoreSentiment(
                                java.util.Map.of("acme", java.util.Set.of("en", "es")),
                                SentimentModels.shipped()))) {
            ConversationEvent spanish =
                    message("m1", "quiero hablar con un supervisor, esto es terrible", null);
            ConversationEvent english =
                    message("m2", "I want to speak to a supervisor, this is terrible", null);
            ConversationEvent otherTenant =
                    message("m3", "quiero hablar con un supervisor, esto es terrible", null);
            otherTenant.tenant = "globex";
            ConversationEvent tagged =
                    message("m4", "quiero hablar con un supervisor, esto es terrible", null);
            tagged.language = "en";
            for (ConversationEvent e : List.of(spanish, english, otherTenant, tagged)) {
                harness.processElement(new StreamRecord<>(e));
            }
            List<ConversationEvent> out = harness.extractOutputValues();
            assertEquals("es", out.get(0).language);
            assertEquals(false, out.get(0).sentiment.supported);
            assertEquals(0.0, out.get(0).sentiment.confidence);
            assertNull(out.get(0).escalationRequest, "no English rules on Spanish text");
            assertEquals("en", out.get(1).language);
            assertEquals(true, out.get(1).sentiment.supported);
            assertNull(out.get(2).language, "a tenant without languages is English, undetected");
            assertEquals(true, out.get(2).sentiment.supported);
            assertEquals("en", out.get(3).language, "a tag is taken at its word");
        }
    }
}
