package dev.switchboard.operators.escalation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.models.privacy.TenantRedactors;
import dev.switchboard.models.sentiment.SentimentLabel;
import dev.switchboard.operators.records.ConversationUpdate;
import dev.switchboard.operators.records.CustomerEvent;
import dev.switchboard.operators.records.EscalationDecision;
import dev.switchboard.operators.records.EscalationLevel;
import dev.switchboard.operators.records.PolicyUpdate;
import dev.switchboard.operators.routing.RoutingSettings;
import dev.switchboard.operators.score.SentimentModels;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * Property: whatever the customer's sentiment does around the thresholds, a conversation gets at
 * most one decision per level per episode (an episode ends with a recovery), never a recovery while
 * it is at no level, and no decision within the cooldown after a recovery (a flap). Random walks
 * are seeded, so a failure reproduces.
 */
class NoFlappingPropertyTest {
    private static final EscalationPolicy POLICY = EscalationPolicy.defaults();

    @Test
    void randomWalksAroundEveryThresholdNeverDecideALevelTwiceInAnEpisode() throws Exception {
        double[] centres = {
            POLICY.watchBelow(), POLICY.alertBelow(), POLICY.escalateBelow(), POLICY.recoverAbove()
        };
        Random random = new Random(424242);
        Set<EscalationLevel> seen = EnumSet.noneOf(EscalationLevel.class);
        for (double centre : centres) {
            for (int walk = 0; walk < 50; walk++) {
                checkWalk(random, centre, seen);
            }
        }
        // The walks must reach every level and recover, or the property above was never tested.
        assertTrue(
                seen.containsAll(
                        EnumSet.of(
                                EscalationLevel.WATCH,
                                EscalationLevel.ALERT,
                                EscalationLevel.ESCALATE,
                                EscalationLevel.RECOVERED)),
                seen.toString());
    }

    private static void checkWalk(Random random, double centre, Set<EscalationLevel> seen)
            throws Exception {
        try (KeyedBroadcastOperatorTestHarness<
                        String, CustomerEvent, PolicyUpdate, EscalationDecision>
                harness =
                        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                                new DecideEscalation(
                                        POLICY,
                                        Map.of(),
                                        new TenantRedactors(List.of(), Map.of()),
                                        Duration.ofHours(1),
                                        RoutingSettings.NONE.customerHistoryTtl(),
                                        RoutingSettings.NONE.historySize(),
                                        SentimentModels.shipped()),
                                e -> e.customerKey,
                                Types.STRING,
                                DecideEscalation.POLICIES)) {
            float[] recent = new float[4];
            double ewma = centre;
            long ts = 0;
            for (int m = 1; m <= 60; m++) {
                double score = Math.max(-1, Math.min(1, centre + random.nextGaussian() * 0.3));
                ewma = 0.5 * score + 0.5 * ewma;
                SentimentLabel label =
                        score < -0.3
                                ? SentimentLabel.NEGATIVE
                                : score > 0.3 ? SentimentLabel.POSITIVE : SentimentLabel.NEUTRAL;
                ts += 5_000 + random.nextInt(60_000);
                recent[(m - 1) % recent.length] = (float) score;
                ConversationUpdate u = EscalationPolicyTest.update(ewma, m, ts);
                u.customerTrend =
                        dev.switchboard.operators.conversation.ConversationStatistics.trend(
                                recent, m);
                u.tenant = "t";
                u.conversationId = "c";
                u.messageId = "m" + m;
                u.label = label;
                u.score = score;
                u.customerKey = u.conversationId;
                harness.processElement(new StreamRecord<>(CustomerEvent.of(u), ts));
            }
            List<EscalationDecision> decisions = harness.extractOutputValues();
            decisions.forEach(d -> seen.add(d.level));
            assertAtMostOnePerLevelPerEpisode(decisions, centre);
        }
    }

    private static void assertAtMostOnePerLevelPerEpisode(
            List<EscalationDecision> decisions, double centre) {
        Set<EscalationLevel> decidedThisEpisode = EnumSet.noneOf(EscalationLevel.class);
        EscalationLevel current = EscalationLevel.NONE;
        long recoveredAt = Long.MIN_VALUE;
        for (EscalationDecision d : decisions) {
            assertTrue(
                    recoveredAt == Long.MIN_VALUE || d.ts - recoveredAt >= POLICY.cooldownMs,
                    "a decision "
                            + (d.ts - recoveredAt)
                            + " ms after a recovery (a flap), around "
                            + centre);
            if (d.level == EscalationLevel.RECOVERED) {
                recoveredAt = d.ts;
                assertTrue(
                        current != EscalationLevel.NONE,
                        "a recovery from no level, around " + centre);
                decidedThisEpisode.clear();
                current = EscalationLevel.NONE;
            } else {
                assertTrue(
                        decidedThisEpisode.add(d.level),
                        d.level + " decided twice in one episode, around " + centre);
                assertTrue(
                        d.level.ordinal() > current.ordinal(),
                        "a level went down within an episode, around " + centre);
                current = d.level;
            }
        }
    }
}
