package dev.switchboard.board;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Scheduler;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in supervisors by session token (a random 256-bit value), in memory. A session ends when
 * it is signed out, after {@code sessionIdle} without a request, or {@code sessionMax} after
 * sign-in; when it ends, its event streams are closed with it (Caffeine's removal listener, run
 * promptly by its scheduler rather than at the next lookup).
 */
final class Sessions {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One sign-in: who, since when, and the streams it has open. */
    static final class Session {
        final Supervisor supervisor;
        final long createdNanos;
        final Set<ClientStream> streams = ConcurrentHashMap.newKeySet();

        /**
         * Streams opened or opening: taken before the stream's response starts (so that a request
         * over the cap can still be answered 429), given back when the stream ends.
         */
        final java.util.concurrent.atomic.AtomicInteger streamSlots =
                new java.util.concurrent.atomic.AtomicInteger();

        Session(Supervisor supervisor, long createdNanos) {
            this.supervisor = supervisor;
            this.createdNanos = createdNanos;
        }
    }

    private final Cache<String, Session> byToken;

    Sessions(BoardSettings.Limits limits) {
        long idle = limits.sessionIdle().toNanos();
        long max = limits.sessionMax().toNanos();
        this.byToken =
                Caffeine.newBuilder()
                        .maximumSize(100_000)
                        .expireAfter(
                                new Expiry<String, Session>() {
                                    @Override
                                    public long expireAfterCreate(
                                            String token, Session s, long now) {
                                        return Math.min(idle, max);
                                    }

                                    @Override
                                    public long expireAfterUpdate(
                                            String token, Session s, long now, long remaining) {
                                        return remaining;
                                    }

                                    @Override
                                    public long expireAfterRead(
                                            String token, Session s, long now, long remaining) {
                                        return Math.max(
                                                0, Math.min(idle, max - (now - s.createdNanos)));
                                    }
                                })
                        .scheduler(Scheduler.systemScheduler())
                        .removalListener(
                                (String token,
                                        Session s,
                                        com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
                                    if (s != null) {
                                        s.streams.forEach(ClientStream::close);
                                    }
                                })
                        .build();
    }

    /** A new session for {@code supervisor}; its token. */
    String create(Supervisor supervisor) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        byToken.put(token, new Session(supervisor, System.nanoTime()));
        return token;
    }

    /** The live session of {@code token} (and it counts as used), or null. */
    Session get(String token) {
        return token == null ? null : byToken.getIfPresent(token);
    }

    /** Ends the session and closes its streams. */
    void end(String token) {
        if (token != null) {
            byToken.invalidate(token);
        }
    }

    /** Ends every session (the board is stopping). */
    void endAll() {
        byToken.invalidateAll();
    }
}
