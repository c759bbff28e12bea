package dev.switchboard.models.text;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A model read from its file, with the file's version: the first 12 hex digits of the SHA-256 of
 * its bytes. Training writes the same bytes for the same data and recipe, so the version names
 * exactly the weights that made a decision, whatever the file is called.
 */
public record VersionedModel(HashedLinearModel model, String version) {
    private static final int VERSION_HEX_DIGITS = 12;

    /** Reads a model file; the message of a failure names the file. */
    public static VersionedModel read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("model file " + file + " does not exist", e);
        }
        try {
            return of(bytes);
        } catch (IOException e) {
            throw new IOException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a model resource of this jar. */
    public static VersionedModel resource(String resource) throws IOException {
        try (InputStream in = VersionedModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("model " + resource + " is missing from the classpath");
            }
            return of(in.readAllBytes());
        }
    }

    private static VersionedModel of(byte[] bytes) throws IOException {
        HashedLinearModel model = HashedLinearModel.read(new ByteArrayInputStream(bytes));
        return new VersionedModel(model, version(bytes));
    }

    /**
     * A model file's name: its file name without {@code .model.gz} ({@code acme.model.gz} is {@code
     * acme}).
     */
    public static String nameOf(Path file) {
        String name = file.getFileName().toString();
        for (String suffix : new String[] {".model.gz", ".gz"}) {
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    /** The first 12 hex digits of the SHA-256 of {@code bytes}: a model file's version. */
    public static String version(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest).substring(0, VERSION_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
