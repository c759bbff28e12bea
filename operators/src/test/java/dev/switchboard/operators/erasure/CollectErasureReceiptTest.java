package dev.switchboard.operators.erasure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.operators.records.ErasurePart;
import dev.switchboard.operators.records.ErasureReceipt;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A receipt goes out once every stage has sent as many parts as it said it would. */
class CollectErasureReceiptTest {
    private KeyedOneInputStreamOperatorTestHarness<String, ErasurePart, ErasureReceipt> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new CollectErasureReceipt(
                                Duration.ofHours(1),
                                Set.of(ErasurePart.CONVERSATIONS, ErasurePart.CUSTOMER)),
                        part -> part.requestId,
                        Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static ErasurePart part(String stage, int parts, String... conversations) {
        ErasurePart p = new ErasurePart();
        p.requestId = "req-1";
        p.tenant = "acme";
        p.customerId = "cust-1";
        p.stage = stage;
        p.parts = parts;
        p.ts = 1_000;
        p.conversations.addAll(List.of(conversations));
        return p;
    }

    @Test
    void waitsForEveryPartOfEveryStageInAnyOrder() throws Exception {
        harness.processElement(part(ErasurePart.CUSTOMER, 1, "c-1", "c-0"), 1_000);
        harness.processElement(part(ErasurePart.CONVERSATIONS, 3, "c-1"), 1_000);
        harness.processElement(part(ErasurePart.CONVERSATIONS, 3), 1_000);
        assertTrue(harness.extractOutputValues().isEmpty(), "one conversation part is missing");
        harness.processElement(part(ErasurePart.CONVERSATIONS, 3, "c-2"), 1_000);
        List<ErasureReceipt> receipts = harness.extractOutputValues();
        assertEquals(1, receipts.size());
        assertEquals(List.of("c-0", "c-1", "c-2"), receipts.get(0).conversations);
    }

    @Test
    void allPartsOfOneStageAreNotAReceipt() throws Exception {
        harness.processElement(part(ErasurePart.CONVERSATIONS, 2, "c-1"), 1_000);
        harness.processElement(part(ErasurePart.CONVERSATIONS, 2, "c-2"), 1_000);
        assertTrue(harness.extractOutputValues().isEmpty(), "the customer stage has not answered");
        harness.processElement(part(ErasurePart.CUSTOMER, 1), 1_000);
        assertEquals(1, harness.extractOutputValues().size());
    }
}
