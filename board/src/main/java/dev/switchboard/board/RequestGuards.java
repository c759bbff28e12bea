package dev.switchboard.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** What every state-changing request must be, checked before it does anything. */
final class RequestGuards {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestGuards() {}

    /**
     * Cross-site request forgery: a state-changing request must say it is JSON (which a foreign
     * page cannot send without a preflight) and, when the browser says where it comes from, come
     * from the board's own origin.
     */
    static void requireJsonFromThisOrigin(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new HttpResponseException(415, "send application/json");
        }
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            throw new HttpResponseException(403, "cross-site request refused");
        }
        String origin = ctx.header("Origin");
        String host = ctx.header("Host");
        if (origin != null
                && (host == null
                        || !(origin.equals("http://" + host)
                                || origin.equals("https://" + host)))) {
            throw new HttpResponseException(403, "cross-origin request refused");
        }
    }

    /**
     * The request body as a JSON object: at most {@code maxBytes} however it is sent (chunked too),
     * else 413; 400 when it is not a JSON object.
     */
    static JsonNode jsonBody(Context ctx, int maxBytes) throws IOException {
        byte[] body;
        try (InputStream in = ctx.req().getInputStream()) {
            body = in.readNBytes(maxBytes + 1);
        }
        if (body.length > maxBytes) {
            throw new HttpResponseException(413, "request body over " + maxBytes + " bytes");
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new HttpResponseException(400, "expected a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new HttpResponseException(400, "not JSON");
        }
    }
}
