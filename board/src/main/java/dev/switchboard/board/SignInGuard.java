package dev.switchboard.board;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Semaphore;

/**
 * Limits password guessing: token buckets (Bucket4j) per username and per client address, so a
 * burst of attempts is allowed and then one more per refill period (the wait grows with the
 * guessing, not with the number of supervisors); and a cap on PBKDF2 runs at once, since each costs
 * a full hash. A refused attempt is never hashed.
 */
final class SignInGuard {
    /** Why an attempt may not go ahead now, and for how long. */
    record Refusal(String reason, long retryAfterSeconds) {}

    private final int attempts;
    private final Duration refill;
    private final Cache<String, Bucket> buckets;
    private final Semaphore hashChecks;

    SignInGuard(BoardSettings.Limits limits) {
        this.attempts = limits.signInAttempts();
        this.refill = limits.signInRefill();
        // Bounded and expiring: an attacker's made-up usernames must not grow the map for ever.
        this.buckets =
                Caffeine.newBuilder()
                        .maximumSize(100_000)
                        .expireAfterAccess(refill.multipliedBy(attempts).plusMinutes(1))
                        .build();
        this.hashChecks = new Semaphore(limits.concurrentHashChecks());
    }

    /** Takes one attempt for this username and address; a refusal if either has none left. */
    Refusal tryAttempt(String username, String address) {
        Bucket byUser =
                bucket("user:" + (username == null ? "" : username.toLowerCase(Locale.ROOT)));
        Bucket byAddress = bucket("address:" + address);
        ConsumptionProbe user = byUser.tryConsumeAndReturnRemaining(1);
        if (!user.isConsumed()) {
            return new Refusal(
                    "too many sign-in attempts for this username",
                    seconds(user.getNanosToWaitForRefill()));
        }
        ConsumptionProbe from = byAddress.tryConsumeAndReturnRemaining(1);
        if (!from.isConsumed()) {
            byUser.addTokens(1); // the username's attempt was not made
            return new Refusal(
                    "too many sign-in attempts from this address",
                    seconds(from.getNanosToWaitForRefill()));
        }
        return null;
    }

    /** A successful sign-in forgets the username's failures. */
    void succeeded(String username) {
        buckets.invalidate("user:" + username.toLowerCase(Locale.ROOT));
    }

    /** A permit to run one password check, or false when the cap is reached. */
    boolean tryStartHashCheck() {
        return hashChecks.tryAcquire();
    }

    void endHashCheck() {
        hashChecks.release();
    }

    private Bucket bucket(String key) {
        return buckets.get(
                key,
                k ->
                        Bucket.builder()
                                .addLimit(
                                        Bandwidth.builder()
                                                .capacity(attempts)
                                                .refillGreedy(1, refill)
                                                .build())
                                .build());
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
