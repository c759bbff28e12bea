package dev.switchboard.models.privacy;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Customer ids replaced by keyed pseudonyms, so that outputs and state never hold the platform's
 * ids (which may be phone numbers or e-mail addresses) while one customer's conversations still
 * share one id. Keyed per tenant: {@code p-} and the first 32 hex digits of
 * HMAC-SHA256(HMAC-SHA256(key, "switchboard-tenant:" + tenant), customerId), so the same customer
 * of two tenants gets two unrelated pseudonyms, and a platform holding the key computes the same
 * pseudonym to join outputs back to its customers. Without the key a pseudonym cannot be reversed
 * or recomputed from a guessed id.
 */
public final class CustomerPseudonyms implements Serializable {
    private static final long serialVersionUID = 1L;

    /** HMAC-SHA256 keys shorter than its output weaken it. */
    public static final int MIN_KEY_BYTES = 32;

    private static final String PREFIX = "p-";

    private final byte[] key;

    public CustomerPseudonyms(byte[] key) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException(
                    "the pseudonym key has "
                            + key.length
                            + " bytes; at least "
                            + MIN_KEY_BYTES
                            + " are needed"
                            + " (for example: head -c 32 /dev/urandom > key)");
        }
        this.key = key.clone();
    }

    /** The key in {@code file}: its bytes as they are. */
    public static CustomerPseudonyms fromKeyFile(Path file) throws IOException {
        return new CustomerPseudonyms(Files.readAllBytes(file));
    }

    /**
     * A pseudonymiser for one thread (a Flink function instance): HMAC instances are not
     * thread-safe, and it keeps the latest pseudonyms, since a customer writes many messages.
     */
    public Session session() {
        return new Session(key);
    }

    /**
     * True for an id of this class's form ({@code p-} and 32 hex digits), as consumers may check.
     */
    public static boolean isPseudonym(String customerId) {
        return customerId.length() == PREFIX.length() + 32 && customerId.startsWith(PREFIX);
    }

    /** Pseudonyms for one thread. */
    public static final class Session {
        private static final int CACHED = 4096;
        private final Mac master;
        private final Map<String, Mac> byTenant = new HashMap<>();
        private final LinkedHashMap<String, String> recent =
                new LinkedHashMap<>(256, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                        return size() > CACHED;
                    }
                };

        private Session(byte[] key) {
            master = hmac(key);
        }

        /** The pseudonym of {@code customerId} within {@code tenant}. */
        public String of(String tenant, String customerId) {
            String cacheKey = tenant + '\u0000' + customerId;
            String cached = recent.get(cacheKey);
            if (cached != null) {
                return cached;
            }
            Mac mac =
                    byTenant.computeIfAbsent(
                            tenant,
                            t ->
                                    hmac(
                                            master.doFinal(
                                                    ("switchboard-tenant:" + t)
                                                            .getBytes(StandardCharsets.UTF_8))));
            byte[] digest = mac.doFinal(customerId.getBytes(StandardCharsets.UTF_8));
            String pseudonym = PREFIX + HexFormat.of().formatHex(digest, 0, 16);
            recent.put(cacheKey, pseudonym);
            return pseudonym;
        }

        private static Mac hmac(byte[] key) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
            }
        }
    }
}
