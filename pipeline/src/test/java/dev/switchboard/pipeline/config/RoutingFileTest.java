package dev.switchboard.pipeline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.operators.routing.TenantRouting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutingFileTest {
    private static final String VALID =
            """
            {"tenants": {"acme": {"intentModel": "customer-service",
                                  "intentSkills": {"get_refund": ["billing"], "cancel_order": ["orders"]},
                                  "defaultSkills": ["general"],
                                  "queues": {"general-en": {"skills": ["general", "orders"], "languages": ["en"]},
                                             "billing-es": {"skills": ["billing", "general"], "languages": ["es", "en"]}},
                                  "fallbackQueue": "general-en"}}}
            """;

    @TempDir Path tmp;

    private Path write(String json) throws Exception {
        Path f = tmp.resolve("routing.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void readsTenantsQueuesAndSkills() throws Exception {
        Map<String, TenantRouting> tenants = RoutingFile.read(write(VALID));
        TenantRouting acme = tenants.get("acme");
        assertEquals(List.of("billing"), acme.skillsFor("get_refund"));
        assertEquals(
                List.of("general"),
                acme.skillsFor("track_order"),
                "an unlisted intent needs the default skills");
        assertEquals(List.of("general"), acme.skillsFor("unknown"));
        assertEquals(List.of("es", "en"), acme.queues().get("billing-es").languages());
    }

    @Test
    void aTenantsIntentModelMayBeAFileItsIntentsAreCheckedAgainst() throws Exception {
        Path model = tmp.resolve("acme-intents.model.gz");
        try (var out = Files.newOutputStream(model)) {
            dev.switchboard.models.intent.IntentModel.shipped("customer-service")
                    .linearModel()
                    .write(out);
        }
        TenantRouting acme =
                RoutingFile.read(write(VALID.replace("\"customer-service\"", "\"" + model + "\"")))
                        .get("acme");
        assertEquals(model.toString(), acme.intentModel());
        assertEquals(
                "acme-intents",
                dev.switchboard.models.intent.IntentModel.named(acme.intentModel()).name());
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                RoutingFile.read(
                                        write(
                                                VALID.replace(
                                                                "\"customer-service\"",
                                                                "\"" + model + "\"")
                                                        .replace(
                                                                "get_refund",
                                                                "open_account_abroad"))));
        assertTrue(
                e.getMessage().contains("'open_account_abroad' is not an intent of model " + model),
                e.getMessage());
    }

    @Test
    void theShippedDemoRoutingIsValid() {
        Map<String, TenantRouting> tenants =
                RoutingFile.read(Path.of("src/main/resources/demo/routing.json"));
        assertTrue(tenants.size() >= 2, tenants.keySet().toString());
    }

    /** Each broken file fails with a message naming the file and what is wrong. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"tenants\": []}|expected an object",
                "{\"tenants\": {}, \"extra\": 1}|unknown field 'extra'",
                "not json|not valid JSON",
                "{\"tenants\": {\"acme\": {\"intentModel\": \"nope\", \"defaultSkills\": [\"g\"], \"queues\": {\"q\": {\"skills\": [\"g\"], \"languages\": [\"en\"]}}, \"fallbackQueue\": \"q\"}}}|intent model 'nope' is neither a shipped model",
                "{\"tenants\": {\"acme\": {\"defaultSkills\": [\"g\"], \"queues\": {\"q\": {\"skills\": [\"g\"], \"languages\": [\"en\"]}}, \"fallbackQueue\": \"q\"}}}|intentModel is required",
                "{\"tenants\": {\"acme\": {\"intentModel\": \"banking77\", \"defaultSkills\": [\"g\"], \"queues\": {\"q\": {\"skills\": [\"g\"], \"languages\": [\"en\"]}}, \"fallbackQueue\": \"other\"}}}|fallbackQueue 'other' is not one of its queues",
                "{\"tenants\": {\"acme\": {\"intentModel\": \"banking77\", \"defaultSkills\": [\"g\"], \"queues\": {\"q\": {\"skills\": [\"g\"], \"languages\": [\"english\"]}}, \"fallbackQueue\": \"q\"}}}|language 'english' is not an ISO 639-1 code",
                "{\"tenants\": {\"acme\": {\"intentModel\": \"banking77\", \"defaultSkills\": [\"g\"], \"queues\": {\"q\": {\"skills\": [], \"languages\": [\"en\"]}}, \"fallbackQueue\": \"q\"}}}|queue 'q' has no skills",
                "{\"tenants\": {\"acme\": {\"intentModel\": \"banking77\", \"intentSkills\": {\"no_such_intent\": [\"g\"]}, \"defaultSkills\": [\"g\"], \"queues\": {\"q\": {\"skills\": [\"g\"], \"languages\": [\"en\"]}}, \"fallbackQueue\": \"q\"}}}|'no_such_intent' is not an intent of model banking77",
                "{\"tenants\": {\"acme\": {\"intentModel\": \"banking77\", \"intentSkills\": {\"card_arrival\": [\"cards\"]}, \"defaultSkills\": [\"g\"], \"queues\": {\"q\": {\"skills\": [\"g\"], \"languages\": [\"en\"]}}, \"fallbackQueue\": \"q\"}}}|no queue has the skills [cards]",
                "{\"tenants\": {\"acme\": {\"intentModel\": \"banking77\", \"defaultSkills\": [], \"queues\": {\"q\": {\"skills\": [\"g\"], \"languages\": [\"en\"]}}, \"fallbackQueue\": \"q\"}}}|defaultSkills must name at least one skill",
                "{\"tenants\": {\"acme\": {\"intentModel\": \"banking77\", \"defaultSkills\": [\"g\"], \"queues\": {}, \"fallbackQueue\": \"q\"}}}|queues must name at least one queue",
                "{\"tenants\": {\"acme\": {\"intentModel\": \"banking77\", \"skils\": [], \"defaultSkills\": [\"g\"], \"queues\": {\"q\": {\"skills\": [\"g\"], \"languages\": [\"en\"]}}, \"fallbackQueue\": \"q\"}}}|unknown field 'skils'",
                "{\"tenants\": {\"a/b\": {\"intentModel\": \"banking77\", \"defaultSkills\": [\"g\"], \"queues\": {\"q\": {\"skills\": [\"g\"], \"languages\": [\"en\"]}}, \"fallbackQueue\": \"q\"}}}|contain no '/'",
            })
    void rejectsBrokenConfiguration(String json, String expected) throws Exception {
        Path file = write(json);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> RoutingFile.read(file));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().startsWith("--routing: " + file), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = tmp.resolve("missing.json");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> RoutingFile.read(missing));
        assertTrue(e.getMessage().contains("cannot read it"), e.getMessage());
    }
}
