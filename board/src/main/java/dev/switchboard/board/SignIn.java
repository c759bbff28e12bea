package dev.switchboard.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing in and out: the accounts checked within the {@link SignInGuard}'s limits, the session
 * made or ended, and its cookie ({@code HttpOnly}, {@code SameSite=Strict}, and {@code Secure} with
 * the {@code __Host-} name over TLS).
 */
final class SignIn {
    private static final Logger LOG = LoggerFactory.getLogger(SignIn.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Accounts accounts;
    private final Sessions sessions;
    private final SignInGuard signIns;
    private final BoardSettings.Limits limits;
    private final String cookie;

    SignIn(
            Accounts accounts,
            Sessions sessions,
            SignInGuard signIns,
            BoardSettings.Limits limits,
            String cookie) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.signIns = signIns;
        this.limits = limits;
        this.cookie = cookie;
    }

    /**
     * {@code POST /api/login}: a session cookie for the right password, within the guard's limits.
     */
    void login(Context ctx) throws Exception {
        JsonNode body = RequestGuards.jsonBody(ctx, limits.maxBodyBytes());
        String username = body.path("username").isTextual() ? body.get("username").asText() : null;
        if (username == null
                || username.isEmpty()
                || username.length() > 128
                || !body.path("password").isTextual()) {
            throw new HttpResponseException(
                    400, "expected {\"username\": \"...\", \"password\": \"...\"}");
        }
        SignInGuard.Refusal refusal = signIns.tryAttempt(username, ctx.ip());
        if (refusal != null) {
            LOG.info(
                    "sign-in refused for '{}' from {}: {}",
                    LogSafe.of(username),
                    LogSafe.of(ctx.ip()),
                    refusal.reason());
            ctx.header("Retry-After", Long.toString(refusal.retryAfterSeconds()));
            throw new HttpResponseException(
                    429, refusal.reason() + "; try again in " + refusal.retryAfterSeconds() + " s");
        }
        if (!signIns.tryStartHashCheck()) {
            ctx.header("Retry-After", "1");
            throw new HttpResponseException(429, "too many sign-ins at once; try again in 1 s");
        }
        Supervisor s;
        try {
            s =
                    accounts.authenticate(username, body.get("password").asText().toCharArray())
                            .orElse(null);
        } finally {
            signIns.endHashCheck();
        }
        if (s == null) {
            LOG.info("failed sign-in for '{}' from {}", LogSafe.of(username), LogSafe.of(ctx.ip()));
            ctx.status(401).result("wrong username or password");
            return;
        }
        signIns.succeeded(username);
        ctx.header("Set-Cookie", cookie(sessions.create(s), limits.sessionMax().toSeconds()));
        ctx.contentType("application/json")
                .result(
                        JSON.writeValueAsString(
                                Map.of("username", s.username(), "tenant", s.tenant())));
    }

    /**
     * {@code POST /api/logout}: the session ends (and its streams with it), the cookie is cleared.
     */
    void logout(Context ctx) {
        sessions.end(ctx.cookie(cookie));
        ctx.header("Set-Cookie", cookie("", 0));
        ctx.status(204);
    }

    private String cookie(String value, long maxAgeSeconds) {
        return cookie
                + "="
                + value
                + "; Path=/; HttpOnly; SameSite=Strict"
                + (limits.secureCookies() ? "; Secure" : "")
                + "; Max-Age="
                + maxAgeSeconds;
    }
}
