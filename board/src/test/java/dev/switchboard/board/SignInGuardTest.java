package dev.switchboard.board;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SignInGuardTest {
    @Test
    void aBurstPerUsernameAndPerAddressThenAWaitAndACapOnHashChecksAtOnce() {
        SignInGuard guard = new SignInGuard(BoardSettings.Limits.DEFAULTS);
        for (int i = 0; i < BoardSettings.Limits.DEFAULTS.signInAttempts(); i++) {
            assertNull(guard.tryAttempt("ana", "10.0.0." + i), "attempt " + i);
        }
        SignInGuard.Refusal refused = guard.tryAttempt("ana", "10.0.0.99");
        assertNotNull(refused, "the username is out of attempts from any address");
        assertTrue(
                refused.retryAfterSeconds() >= 1 && refused.reason().contains("username"),
                refused.toString());
        guard.succeeded("ana");
        assertNull(
                guard.tryAttempt("ana", "10.0.0.98"),
                "a successful sign-in forgets the username's failures");

        for (int i = 0; i < BoardSettings.Limits.DEFAULTS.signInAttempts(); i++) {
            assertNull(guard.tryAttempt("user" + i, "192.0.2.1"));
        }
        SignInGuard.Refusal fromAddress = guard.tryAttempt("someone-else", "192.0.2.1");
        assertNotNull(fromAddress, "one address guessing across many usernames is limited too");
        assertTrue(fromAddress.reason().contains("address"));

        BoardSettings.Limits d = BoardSettings.Limits.DEFAULTS;
        SignInGuard one =
                new SignInGuard(
                        new BoardSettings.Limits(
                                false,
                                d.sessionIdle(),
                                d.sessionMax(),
                                d.streamsPerSession(),
                                d.streamQueue(),
                                d.heartbeat(),
                                d.maxBodyBytes(),
                                d.signInAttempts(),
                                d.signInRefill(),
                                1,
                                d.lookback(),
                                d.maxConversations()));
        assertTrue(one.tryStartHashCheck());
        assertFalse(one.tryStartHashCheck(), "a second PBKDF2 run at once is refused");
        one.endHashCheck();
        assertTrue(one.tryStartHashCheck());
    }
}
