package dev.switchboard.operators.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.StringWriter;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoTimestampsTest {
    @Test
    void writesWhatInstantWritesAcrossTheYearsAndAroundTheirEdges() throws Exception {
        long[] edges = {
            0,
            1,
            -1,
            999,
            1000,
            86_399_999,
            86_400_000,
            951_782_400_000L, // 2000-02-29
            4_107_542_399_999L, // 2100-02-28T23:59:59.999
            -62_167_219_200_000L, // year 0
            -62_167_219_200_001L, // before it: the slow path
            253_402_300_799_999L, // 9999-12-31T23:59:59.999
            253_402_300_800_000L, // year 10000: the slow path
            Long.MAX_VALUE / 1000,
            Long.MIN_VALUE / 1000
        };
        for (long t : edges) {
            assertEquals(Instant.ofEpochMilli(t).toString(), written(t), Long.toString(t));
        }
        SplittableRandom random = new SplittableRandom(42);
        for (int k = 0; k < 200_000; k++) {
            long t = random.nextLong(-62_167_219_200_000L, 253_402_300_800_000L);
            if (k % 4 == 0) {
                t -= Math.floorMod(t, 1000); // whole seconds print no fraction
            }
            assertEquals(Instant.ofEpochMilli(t).toString(), written(t), Long.toString(t));
        }
    }

    private static String written(long epochMilli) throws Exception {
        StringWriter out = new StringWriter();
        try (JsonGenerator j = new JsonFactory().createGenerator(out)) {
            j.writeStartObject();
            IsoTimestamps.writeField(j, "t", epochMilli);
            j.writeEndObject();
        }
        String json = out.toString();
        return json.substring("{\"t\":\"".length(), json.length() - 2);
    }
}
