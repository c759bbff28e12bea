package dev.switchboard.models.training;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the shared labelled data lives: set by the build (surefire), beside the checkout. */
public final class SharedData {
    private SharedData() {}

    public static Path file(String relative) {
        String dir = System.getProperty("switchboard.data.dir", "../shared/data");
        Path path = Path.of(dir).resolve(relative);
        if (!Files.isReadable(path)) {
            throw new IllegalStateException(
                    "shared data file "
                            + path.toAbsolutePath()
                            + " is missing: the tests need ../shared/data beside the checkout");
        }
        return path;
    }
}
