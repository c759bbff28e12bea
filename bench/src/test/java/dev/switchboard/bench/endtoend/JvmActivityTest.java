package dev.switchboard.bench.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The bench says what the JVM's compiler and collectors did while it measured. */
class JvmActivityTest {
    @Test
    void aCollectionBetweenTwoReadingsIsCounted() {
        JvmActivity before = JvmActivity.now();
        System.gc(); // a full collection with G1, counted by its old-generation bean
        JvmActivity during = JvmActivity.now().since(before);
        assertTrue(during.gcCount() >= 1, "collections counted: " + during);
        assertTrue(during.gcMs() >= 0, "" + during);
    }

    @Test
    void theCompilersTimeIsTheJvmsOwn() {
        JvmActivity before = JvmActivity.now();
        assertTrue(
                before.compileMs() > 0,
                "JUnit's start alone has this JVM compiling for milliseconds: " + before);
        long sum = 0;
        for (int i = 0; i < 2_000_000; i++) {
            sum += Integer.toString(i).hashCode();
        }
        JvmActivity during = JvmActivity.now().since(before);
        assertTrue(sum != 0);
        assertTrue(during.compileMs() >= 0, "accumulated time never falls: " + during);
    }

    @Test
    void theDifferenceIsTakenFieldByField() {
        JvmActivity d = new JvmActivity(900, 14, 130).since(new JvmActivity(400, 10, 100));
        assertEquals(new JvmActivity(500, 4, 30), d);
        assertEquals(
                -1,
                new JvmActivity(-1, 1, 1).since(new JvmActivity(-1, 0, 0)).compileMs(),
                "unknown stays unknown");
    }
}
