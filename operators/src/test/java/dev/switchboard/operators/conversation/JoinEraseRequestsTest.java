package dev.switchboard.operators.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.operators.records.ConversationEvent;
import dev.switchboard.operators.records.EventType;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

class JoinEraseRequestsTest {
    private static final int MAX_PARALLELISM = 128;

    private static ConversationEvent erase() {
        return TrackConversationTest.eraseRequest("req-1", 1_000);
    }

    @Test
    void eachInstancePassesTheRequestOnUnderAKeyOfItsOwnAndEveryEventAsItCame() throws Exception {
        for (int parallelism : new int[] {1, 2, 3, 7, 128}) {
            for (int index = 0; index < parallelism; index++) {
                try (var harness =
                        new KeyedBroadcastOperatorTestHarness<>(
                                new CoBroadcastWithKeyedOperator<>(
                                        new JoinEraseRequests(),
                                        List.of(JoinEraseRequests.CONTROL)),
                                ConversationEvent::conversationKey,
                                Types.STRING,
                                MAX_PARALLELISM,
                                parallelism,
                                index)) {
                    harness.open();
                    ConversationEvent message = erase();
                    message.type = EventType.MESSAGE;
                    message.conversationId = "c-1";
                    if (KeyGroupRangeAssignment.assignKeyToParallelOperator(
                                    "acme/c-1", MAX_PARALLELISM, parallelism)
                            == index) {
                        harness.processElement(new StreamRecord<>(message, 500));
                    }
                    harness.processBroadcastElement(new StreamRecord<>(erase(), 1_000));

                    List<ConversationEvent> out = harness.extractOutputValues();
                    ConversationEvent passed = out.get(out.size() - 1);
                    assertEquals(EventType.ERASE, passed.type);
                    assertEquals("req-1", passed.requestId);
                    assertEquals("cust-1", passed.customerId);
                    assertEquals(
                            index,
                            KeyGroupRangeAssignment.assignKeyToParallelOperator(
                                    passed.conversationKey(), MAX_PARALLELISM, parallelism),
                            "instance " + index + " of " + parallelism);
                    if (out.size() == 2) {
                        assertEquals("c-1", out.get(0).conversationId, "an event as it came");
                    }
                }
            }
        }
    }
}
