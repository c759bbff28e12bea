package dev.switchboard.pipeline.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.switchboard.operators.routing.TenantRouting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the tenants' routing from a JSON file ({@code --routing}; docs/routing.md). Every error
 * names the file, and the tenant and field at fault; the job does not start with a bad file.
 *
 * <pre>
 * {"tenants": {"acme": {"intentModel": "customer-service",
 *                       "intentSkills": {"get_refund": ["billing"], "track_order": ["orders"]},
 *                       "defaultSkills": ["general"],
 *                       "queues": {"general-en": {"skills": ["general", "orders"], "languages": ["en"]},
 *                                  "billing-en": {"skills": ["billing"], "languages": ["en"]}},
 *                       "fallbackQueue": "general-en"}}}
 * </pre>
 */
public final class RoutingFile {
    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private RoutingFile() {}

    public static Map<String, TenantRouting> read(Path file) {
        String at = "--routing: " + file + ": ";
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(at + "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException(at + "cannot read it: " + e.getMessage());
        }
        return parse(root, at);
    }

    /** The tenants of one routing document; {@code at} prefixes every error. */
    public static Map<String, TenantRouting> parse(JsonNode root, String at) {
        if (root == null || !root.isObject() || !root.path("tenants").isObject()) {
            throw new IllegalArgumentException(
                    at + "expected an object {\"tenants\": {\"<tenant>\": {...}}}");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("tenants")) {
                throw new IllegalArgumentException(
                        at + "unknown field '" + name + "' (expected only \"tenants\")");
            }
        }
        Map<String, TenantRouting> tenants = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("tenants").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            TenantRouting routing;
            try {
                routing = JSON.treeToValue(e.getValue(), TenantRouting.class);
            } catch (UnrecognizedPropertyException ex) {
                throw new IllegalArgumentException(
                        at
                                + "tenant '"
                                + e.getKey()
                                + "': unknown field '"
                                + ex.getPropertyName()
                                + "'");
            } catch (JsonProcessingException ex) {
                throw new IllegalArgumentException(
                        at + "tenant '" + e.getKey() + "': " + ex.getOriginalMessage());
            }
            try {
                tenants.put(e.getKey(), routing.validate(e.getKey()));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(at + ex.getMessage());
            }
        }
        return tenants;
    }
}
