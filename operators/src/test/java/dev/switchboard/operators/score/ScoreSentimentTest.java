package dev.switchboard.operators.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.models.requests.EscalationRequest;
import dev.switchboard.models.sentiment.SentimentLabel;
import dev.switchboard.models.sentiment.SpeakerRole;
import dev.switchboard.operators.escalation.DecideEscalation;
import dev.switchboard.operators.escalation.DecisiveTurns;
import dev.switchboard.operators.escalation.EscalationPolicy;
import dev.switchboard.operators.records.Channel;
import dev.switchboard.operators.records.ConversationEvent;
import dev.switchboard.operators.records.EventType;
import dev.switchboard.operators.records.PolicyMode;
import dev.switchboard.operators.records.PolicyUpdate;
import dev.switchboard.operators.records.ScoredMessage;
import dev.switchboard.operators.warmup.JitWarmup;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class ScoreSentimentTest {
    private static KeyedBroadcastOperatorTestHarness<
                    String, ConversationEvent, PolicyUpdate, ConversationEvent>
            harness(Map<String, Set<String>> tenantLanguages) throws Exception {
        return harness(
                new ScoreSentiment(
                        tenantLanguages, SentimentModels.shipped(), Duration.ofHours(1)));
    }

    private static KeyedBroadcastOperatorTestHarness<
                    String, ConversationEvent, PolicyUpdate, ConversationEvent>
            harness(ScoreSentiment function) throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                function,
                ConversationEvent::conversationKey,
                Types.STRING,
                DecideEscalation.POLICIES);
    }

    /** Keyed state entries of the function under test (the harness keeps them on the heap). */
    private static int stateEntries(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> harness) {
        AbstractStreamOperator<?> operator =
                (AbstractStreamOperator<?>) harness.getTwoInputOperator();
        return ((HeapKeyedStateBackend<?>) operator.getKeyedStateBackend())
                .numKeyValueStateEntries();
    }

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
        try (var harness = harness(Map.of())) {
            harness.processElement(new StreamRecord<>(message("m1", text, null)));
            assertEquals("x".repeat(kept - 1), harness.extractOutputValues().get(0).text);
        }
    }

    @Test
    void scoresFinalMessagesSkipsPartialsAndKeepsOnlyAnExcerpt() throws Exception {
        try (var harness = harness(Map.of())) {
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
    void eachLanguageIsScoredByItsOwnModelAndALanguageWithoutOneIsNotGuessed() throws Exception {
        try (var harness = harness(Map.of("acme", Set.of("en", "es", "nl")))) {
            ConversationEvent spanish =
                    message("m1", "quiero hablar con un supervisor, esto es terrible", null);
            ConversationEvent dutch =
                    message("m2", "ik wil een supervisor spreken, dit is verschrikkelijk", null);
            dutch.conversationId = "c-2";
            ConversationEvent otherTenant =
                    message("m3", "quiero hablar con un supervisor, esto es terrible", null);
            otherTenant.tenant = "globex";
            ConversationEvent tagged =
                    message("m4", "I want to speak to a supervisor, this is terrible", null);
            tagged.conversationId = "c-3";
            tagged.language = "en-GB";
            for (ConversationEvent e : List.of(spanish, dutch, otherTenant, tagged)) {
                harness.processElement(new StreamRecord<>(e));
            }
            List<ConversationEvent> out = harness.extractOutputValues();
            assertEquals("es", out.get(0).language);
            assertTrue(out.get(0).sentiment.supported);
            assertEquals(SentimentLabel.NEGATIVE, out.get(0).sentiment.label);
            assertTrue(out.get(0).sentiment.model.startsWith("sentiment-es@"));
            assertEquals(EscalationRequest.MANAGER, out.get(0).escalationRequest);
            assertEquals("nl", out.get(1).language);
            assertFalse(out.get(1).sentiment.supported, "no Dutch model: not guessed");
            assertEquals(0.0, out.get(1).sentiment.confidence);
            assertNull(out.get(1).escalationRequest);
            assertNull(out.get(2).language, "a tenant without languages is English, undetected");
            assertTrue(out.get(2).sentiment.supported);
            assertTrue(out.get(2).sentiment.model.startsWith("sentiment@"));
            assertEquals("en-GB", out.get(3).language, "a tag is taken at its word");
            assertEquals(EscalationRequest.MANAGER, out.get(3).escalationRequest);
        }
    }

    @Test
    void aConversationKeepsItsLanguageUntilAMessageIsClearlyInAnother() throws Exception {
        try (var harness = harness(Map.of("acme", Set.of("en", "fr")))) {
            ConversationEvent first =
                    message(
                            "m1",
                            "Bonjour, ma commande n'est jamais arrivée et je suis furieux",
                            null);
            ConversationEvent shortOne = message("m2", "ok merci", null);
            ConversationEvent agent = message("m3", "Je regarde votre commande", null);
            agent.role = SpeakerRole.AGENT;
            ConversationEvent english =
                    message(
                            "m4",
                            "Sorry, can you please answer me in English? This is taking forever",
                            null);
            ConversationEvent otherConversation = message("m5", "ok", null);
            otherConversation.conversationId = "c-9";
            for (ConversationEvent e :
                    List.of(first, shortOne, agent, english, otherConversation)) {
                harness.processElement(new StreamRecord<>(e));
            }
            List<ConversationEvent> out = harness.extractOutputValues();
            assertEquals("fr", out.get(0).language);
            assertEquals("fr", out.get(1).language, "too short to detect: the conversation's");
            assertEquals("fr", out.get(2).language, "the agent follows the customer");
            assertEquals("en", out.get(3).language, "clearly English: detected again");
            assertTrue(out.get(3).sentiment.model.startsWith("sentiment@"));
            assertFalse(
                    "fr".equals(out.get(4).language),
                    "another conversation does not inherit the language");
        }
    }

    @Test
    void aConversationsKeptLanguageGoesWhenItEndsAndOneWithoutKeepsNothing() throws Exception {
        try (var harness = harness(Map.of("acme", Set.of("en", "fr"), "solo", Set.of("pt")))) {
            harness.processElement(
                    new StreamRecord<>(
                            message("m1", "Bonjour, ma commande n'est jamais arrivée", null)));
            ConversationEvent solo = message("m2", "Quero falar com o gerente agora", null);
            solo.tenant = "solo";
            harness.processElement(new StreamRecord<>(solo));
            assertEquals(1, stateEntries(harness), "only the detected language is kept");

            for (String tenant : List.of("acme", "solo")) {
                ConversationEvent end = message("end", null, null);
                end.type = EventType.CONVERSATION_ENDED;
                end.tenant = tenant;
                harness.processElement(new StreamRecord<>(end));
            }
            assertEquals(0, stateEntries(harness));
        }
    }

    @Test
    void marksTheCustomerTurnsThatCouldMoveTheEscalationLevelAndKeepsStateOnlyForThose()
            throws Exception {
        try (var harness = harness(marking(Map.of()))) {
            ConversationEvent calm = message("m1", "Thanks, that helps a lot", null);
            calm.conversationId = "calm";
            harness.processElement(new StreamRecord<>(calm));
            assertEquals(0, stateEntries(harness), "a calm turn writes nothing");

            harness.processElement(
                    new StreamRecord<>(
                            message("m1", "This is the worst service ever, I am furious!", null)));
            ConversationEvent agent = message("m2", "I am sorry to hear that", null);
            agent.role = SpeakerRole.AGENT;
            harness.processElement(new StreamRecord<>(agent));
            harness.processElement(
                    new StreamRecord<>(
                            message("m3", "Terrible, I am so angry, nothing ever works", null)));
            List<ConversationEvent> out = harness.extractOutputValues();
            assertTrue(out.get(1).sentiment.score <= -0.4, out.get(1).sentiment.toString());
            assertTrue(out.get(3).sentiment.score <= -0.4, out.get(3).sentiment.toString());
            assertEquals(
                    List.of(false, false, false, true),
                    out.stream().map(e -> e.decisiveTurn).toList(),
                    "the second angry customer turn, not the first, nor the agent's");
            assertEquals(1, stateEntries(harness));

            ConversationEvent end = message("end", null, null);
            end.type = EventType.CONVERSATION_ENDED;
            harness.processElement(new StreamRecord<>(end));
            assertEquals(0, stateEntries(harness), "gone when the conversation ends");
        }
        try (var harness = harness(Map.of())) {
            for (String id : List.of("m1", "m2")) {
                harness.processElement(
                        new StreamRecord<>(message(id, "This is the worst service ever!", null)));
            }
            assertFalse(harness.extractOutputValues().get(1).decisiveTurn, "not asked for");
            assertEquals(0, stateEntries(harness));
        }
    }

    private static ScoreSentiment marking(Map<String, EscalationPolicy> configured) {
        return new ScoreSentiment(
                Map.of(),
                SentimentModels.shipped(),
                Duration.ofHours(1),
                DecisiveTurns.of(EscalationPolicy.defaults(), configured),
                true);
    }

    /** Two angry customer turns of one conversation; whether each was marked decisive. */
    private static List<Boolean> twoAngryTurns(
            KeyedBroadcastOperatorTestHarness<
                            String, ConversationEvent, PolicyUpdate, ConversationEvent>
                    harness,
            String conversation)
            throws Exception {
        for (String id : List.of("m1", "m2")) {
            ConversationEvent e =
                    message(id, "This is the worst service ever, I am furious!", null);
            e.conversationId = conversation;
            harness.processElement(new StreamRecord<>(e));
        }
        return harness.extractOutputValues().stream()
                .filter(e -> e.conversationId.equals(conversation))
                .map(e -> e.decisiveTurn)
                .toList();
    }

    /** A policy that watches on one negative turn: every negative turn can move the level. */
    private static EscalationPolicy watchingOnOneTurn(String name) {
        EscalationPolicy p = EscalationPolicy.defaults();
        p.name = name;
        p.watchStreak = 1;
        return p.validate();
    }

    /** Publishes {@code policy} (null: removes it) as acme's {@code mode} policy. */
    private static void publish(
            KeyedBroadcastOperatorTestHarness<
                            String, ConversationEvent, PolicyUpdate, ConversationEvent>
                    harness,
            PolicyMode mode,
            EscalationPolicy policy)
            throws Exception {
        harness.processBroadcastElement(new PolicyUpdate("acme", mode, policy, "test"), 0);
    }

    @Test
    void theMarksFollowTheTenantsLivePolicyPublishedConfiguredOrDefault() throws Exception {
        List<Boolean> secondOnly = List.of(false, true);
        List<Boolean> both = List.of(true, true);
        try (var harness = harness(marking(Map.of()))) {
            assertEquals(secondOnly, twoAngryTurns(harness, "default"));
            publish(harness, PolicyMode.LIVE, watchingOnOneTurn("eager"));
            assertEquals(
                    both,
                    twoAngryTurns(harness, "published"),
                    "published without a restart: the first negative turn can watch");
            publish(harness, PolicyMode.SHADOW, EscalationPolicy.defaults());
            assertEquals(both, twoAngryTurns(harness, "shadow"), "a shadow policy changes nothing");
            publish(harness, PolicyMode.LIVE, null);
            assertEquals(secondOnly, twoAngryTurns(harness, "removed"), "back to the default");
        }
        try (var harness = harness(marking(Map.of("acme", watchingOnOneTurn("configured"))))) {
            assertEquals(both, twoAngryTurns(harness, "configured"));
            publish(harness, PolicyMode.LIVE, EscalationPolicy.defaults());
            assertEquals(secondOnly, twoAngryTurns(harness, "over-configured"));
            publish(harness, PolicyMode.LIVE, null);
            assertEquals(
                    both,
                    twoAngryTurns(harness, "back-to-configured"),
                    "removed: back to the tenant's configured policy");
        }
    }

    @Test
    void aTenantWithOneLanguageHasItWithoutDetection() throws Exception {
        try (var harness = harness(Map.of("acme", Set.of("pt")))) {
            harness.processElement(
                    new StreamRecord<>(message("m1", "Quero falar com o gerente agora", null)));
            ConversationEvent out = harness.extractOutputValues().get(0);
            assertEquals("pt", out.language);
            assertTrue(out.sentiment.model.startsWith("sentiment-pt@"));
            assertEquals(EscalationRequest.MANAGER, out.escalationRequest);
        }
    }

    @Test
    void warmsItsPerMessageCodeWhenItOpens() throws Exception {
        try (var harness = harness(Map.of())) {
            assertTrue(JitWarmup.roundsRun("scoring") > 0, "warmed without a failure");
        }
    }
}
