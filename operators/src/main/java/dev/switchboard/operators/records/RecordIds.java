package dev.switchboard.operators.records;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Deterministic output ids: name-based UUIDs (version 5, SHA-1) of what makes an output unique, so
 * that a replay after a failure produces the same ids and at-least-once consumers can de-duplicate.
 */
public final class RecordIds {
    /** The Switchboard namespace; fixed forever, since changing it changes every id. */
    private static final byte[] NAMESPACE =
            uuidBytes(UUID.fromString("6f1f4f38-2c55-5a8e-9a53-8d2f0b7c1e42"));

    private static final ThreadLocal<MessageDigest> SHA1 =
            ThreadLocal.withInitial(
                    () -> {
                        try {
                            return MessageDigest.getInstance("SHA-1");
                        } catch (NoSuchAlgorithmException e) {
                            throw new IllegalStateException("SHA-1 is required of every JVM", e);
                        }
                    });

    private RecordIds() {}

    /**
     * The id of the output named by {@code parts}, joined with a separator that cannot occur in
     * them.
     */
    public static String of(String... parts) {
        MessageDigest sha1 = SHA1.get();
        sha1.reset();
        sha1.update(NAMESPACE);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sha1.update((byte) 0);
            }
            sha1.update(String.valueOf(parts[i]).getBytes(StandardCharsets.UTF_8));
        }
        byte[] hash = sha1.digest();
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (hash[i] & 0xff);
            lsb = (lsb << 8) | (hash[8 + i] & 0xff);
        }
        return new UUID(msb, lsb).toString();
    }

    private static byte[] uuidBytes(UUID uuid) {
        byte[] b = new byte[16];
        long msb = uuid.getMostSignificantBits();
        long lsb = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (msb >>> (56 - 8 * i));
            b[8 + i] = (byte) (lsb >>> (56 - 8 * i));
        }
        return b;
    }
}
