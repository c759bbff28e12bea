package dev.switchboard.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The supervisors who may sign in, from a JSON file ({@code --accounts}; docs/board.md):
 *
 * <pre>
 * {"supervisors": [{"username": "ana", "tenant": "acme", "passwordHash": "pbkdf2-sha256$310000$...$..."}]}
 * </pre>
 *
 * Hashes come from {@code switchboard board hash-password}. A supervisor sees one tenant.
 */
public final class Accounts {
    private record Account(Supervisor supervisor, String passwordHash) {}

    /**
     * Checked against an unknown username, so that a wrong name costs as long as a wrong password.
     */
    private static final String DUMMY_HASH = PasswordHash.hash("not a password".toCharArray());

    private final Map<String, Account> byUsername;

    private Accounts(Map<String, Account> byUsername) {
        this.byUsername = Map.copyOf(byUsername);
    }

    public static Accounts read(Path file) {
        try {
            return parse(
                    new ObjectMapper().readTree(Files.readString(file)),
                    "--accounts: " + file + ": ");
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "--accounts: cannot read " + file + ": " + e.getMessage());
        }
    }

    static Accounts parse(JsonNode root, String at) {
        if (root == null || !root.path("supervisors").isArray()) {
            throw new IllegalArgumentException(at + "expected {\"supervisors\": [...]}");
        }
        Map<String, Account> accounts = new HashMap<>();
        for (JsonNode s : root.get("supervisors")) {
            String username = text(s, "username", at);
            String tenant = text(s, "tenant", at);
            String hash = text(s, "passwordHash", at);
            checkName(username, "username", at);
            checkName(tenant, "tenant", at);
            checkHash(hash, username, at);
            if (accounts.put(username, new Account(new Supervisor(username, tenant), hash))
                    != null) {
                throw new IllegalArgumentException(
                        at + "username '" + username + "' appears twice");
            }
        }
        return new Accounts(accounts);
    }

    /** Below this many PBKDF2 iterations a stolen accounts file is cheap to crack. */
    static final int MIN_ITERATIONS = 100_000;

    private static void checkName(String value, String field, String at) {
        if (value.length() > 128
                || value.chars()
                        .anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
            throw new IllegalArgumentException(
                    at
                            + field
                            + " '"
                            + LogSafe.of(value)
                            + "' must be at most 128 characters without spaces or control characters");
        }
    }

    /**
     * The whole hash: algorithm, an iteration count of at least MIN_ITERATIONS, a 16-byte salt or
     * more, a 32-byte hash.
     */
    private static void checkHash(String hash, String username, String at) {
        String[] parts = hash.split("\\$", -1);
        String problem = null;
        if (parts.length != 4 || !parts[0].equals("pbkdf2-sha256")) {
            problem = "is not a pbkdf2-sha256 hash (switchboard board hash-password makes one)";
        } else {
            try {
                int iterations = Integer.parseInt(parts[1]);
                byte[] salt = java.util.Base64.getDecoder().decode(parts[2]);
                byte[] derived = java.util.Base64.getDecoder().decode(parts[3]);
                if (iterations < MIN_ITERATIONS) {
                    problem =
                            "has "
                                    + iterations
                                    + " iterations; at least "
                                    + MIN_ITERATIONS
                                    + " are needed (hash the password again)";
                } else if (salt.length < 16) {
                    problem = "has a salt of " + salt.length + " bytes; at least 16 are needed";
                } else if (derived.length != 32) {
                    problem = "has a hash of " + derived.length + " bytes instead of 32";
                }
            } catch (IllegalArgumentException e) {
                problem = "has an unreadable iteration count, salt or hash";
            }
        }
        if (problem != null) {
            throw new IllegalArgumentException(
                    at + "passwordHash of '" + LogSafe.of(username) + "' " + problem);
        }
    }

    /** Accounts given in code (the demo's). */
    public static Accounts of(Map<Supervisor, String> passwords) {
        Map<String, Account> accounts = new HashMap<>();
        passwords.forEach(
                (s, p) ->
                        accounts.put(
                                s.username(), new Account(s, PasswordHash.hash(p.toCharArray()))));
        return new Accounts(accounts);
    }

    private static String text(JsonNode s, String field, String at) {
        JsonNode v = s.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(at + "every supervisor needs a non-empty " + field);
        }
        return v.asText();
    }

    public Optional<Supervisor> authenticate(String username, char[] password) {
        Account a = username == null ? null : byUsername.get(username);
        boolean ok =
                PasswordHash.verify(password, a == null ? DUMMY_HASH : a.passwordHash())
                        && a != null;
        return ok ? Optional.of(a.supervisor()) : Optional.empty();
    }
}
