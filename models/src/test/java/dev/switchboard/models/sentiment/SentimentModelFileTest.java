package dev.switchboard.models.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.models.intent.IntentModel;
import dev.switchboard.models.text.HashedLinearModel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files name themselves: a name, a version that is the file's checksum, and clear refusals.
 */
class SentimentModelFileTest {
    @TempDir Path tmp;

    private Path write(String name, HashedLinearModel model) throws IOException {
        Path file = tmp.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            model.write(out);
        }
        return file;
    }

    @Test
    void theShippedModelHasANameAndAVersion() {
        SentimentModel m = SentimentModel.loadDefault();
        assertEquals(SentimentModel.SHIPPED_NAME, m.name());
        assertTrue(m.version().matches("[0-9a-f]{12}"), m.version());
        assertEquals("sentiment@" + m.version(), m.id());
    }

    @Test
    void aFileIsNamedAfterItselfAndVersionedByItsBytes() throws Exception {
        HashedLinearModel shipped = SentimentModel.loadDefault().linearModel();
        SentimentModel acme = SentimentModel.load(write("acme.model.gz", shipped));
        assertEquals("acme", acme.name());
        assertEquals(
                SentimentModel.loadDefault().version(),
                acme.version(),
                "the same weights written the same way: the same version");
        SentimentModel warmer =
                SentimentModel.load(write("acme-warmer.model.gz", shipped.withTemperature(2.0)));
        assertNotEquals(acme.version(), warmer.version(), "other weights, another version");
    }

    @Test
    void refusesAMissingFileAFileThatIsNoModelAndAnIntentModelByName() throws Exception {
        assertTrue(
                assertThrows(
                                IOException.class,
                                () -> SentimentModel.load(tmp.resolve("gone.model.gz")))
                        .getMessage()
                        .contains("gone.model.gz"));
        Path junk = tmp.resolve("junk.model.gz");
        Files.writeString(junk, "not a model");
        assertTrue(
                assertThrows(IOException.class, () -> SentimentModel.load(junk))
                        .getMessage()
                        .contains("junk.model.gz"));
        Path intents =
                write("intents.model.gz", IntentModel.shipped("customer-service").linearModel());
        var e = assertThrows(IOException.class, () -> SentimentModel.load(intents));
        assertTrue(
                e.getMessage().contains("intents.model.gz")
                        && e.getMessage().contains("not a sentiment model"),
                e.getMessage());
    }

    @Test
    void aSharedFileThatChangedSinceTheStartIsRefused() throws Exception {
        Path file = write("tenant.model.gz", SentimentModel.loadDefault().linearModel());
        String version = SentimentModel.load(file).version();
        assertEquals(version, SentimentModel.shared(file, version).version());
        var e = assertThrows(IOException.class, () -> SentimentModel.shared(file, "000000000000"));
        assertTrue(e.getMessage().contains("changed"), e.getMessage());
        // Replaced between two jobs of one TaskManager: the next job, started with the new file,
        // reads it afresh.
        try (OutputStream out = Files.newOutputStream(file)) {
            SentimentModel.loadDefault().linearModel().withTemperature(3.0).write(out);
        }
        String next = SentimentModel.load(file).version();
        assertEquals(next, SentimentModel.shared(file, next).version());
    }

    @Test
    void temperatureSoftensProbabilitiesWithoutChangingTheLabel() {
        HashedLinearModel m = SentimentModel.loadDefault().linearModel();
        HashedLinearModel warm = m.withTemperature(2.0);
        String text = "Still no refund after three weeks!";
        SentimentScore sharp = new SentimentModel(m).score(text, SpeakerRole.CUSTOMER, "en");
        SentimentScore soft = new SentimentModel(warm).score(text, SpeakerRole.CUSTOMER, "en");
        assertEquals(sharp.label(), soft.label());
        assertTrue(soft.confidence() < sharp.confidence(), soft + " vs " + sharp);
    }
}
