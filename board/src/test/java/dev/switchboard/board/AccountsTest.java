package dev.switchboard.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class AccountsTest {
    private static Accounts parse(String username, String hash) throws Exception {
        return Accounts.parse(
                new ObjectMapper()
                        .readTree(
                                "{\"supervisors\":[{\"username\":"
                                        + new ObjectMapper().writeValueAsString(username)
                                        + ",\"tenant\":\"acme\",\"passwordHash\":\""
                                        + hash
                                        + "\"}]}"),
                "accounts: ");
    }

    @Test
    void refusesWeakMalformedAndForgedEntriesAtStart() throws Exception {
        String good = PasswordHash.hash("correct horse".toCharArray());
        assertTrue(
                parse("ana", good).authenticate("ana", "correct horse".toCharArray()).isPresent());
        String[] parts = good.split("\\$");
        String oneIteration = "pbkdf2-sha256$1$" + parts[2] + "$" + parts[3];
        IllegalArgumentException weak =
                assertThrows(IllegalArgumentException.class, () -> parse("ana", oneIteration));
        assertTrue(weak.getMessage().contains("1 iterations"), weak.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> parse("ana", "pbkdf2-sha256$310000$c2FsdA==$" + parts[3]),
                "a 4-byte salt");
        assertThrows(
                IllegalArgumentException.class,
                () -> parse("ana", "pbkdf2-sha256$310000$" + parts[2] + "$AAAA"),
                "a short hash");
        assertThrows(
                IllegalArgumentException.class,
                () -> parse("ana", "pbkdf2-sha256$many$" + parts[2] + "$" + parts[3]));
        assertThrows(
                IllegalArgumentException.class,
                () -> parse("ana", "pbkdf2-sha256$310000$%%%$" + parts[3]));
        assertThrows(
                IllegalArgumentException.class,
                () -> parse("ana\nINFO forged line", good),
                "a line break in a user name");
    }

    @Test
    void userValuesAreMadeSafeForLogLines() {
        assertEquals("ana?INFO admin signed in", LogSafe.of("ana\nINFO admin signed in"));
        assertEquals("x".repeat(64) + "...", LogSafe.of("x".repeat(500)));
        assertEquals("(none)", LogSafe.of(null));
    }
}
