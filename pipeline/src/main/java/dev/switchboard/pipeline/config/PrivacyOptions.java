package dev.switchboard.pipeline.config;

import picocli.CommandLine.Option;

/**
 * The options of {@code switchboard run} that set redaction and customer pseudonyms: {@link
 * PrivacySettings}.
 */
public class PrivacyOptions {
    @Option(
            names = "--redact-dead-letters",
            description =
                    "Replace cards, IBANs, e-mails and phone numbers in dead-letter payloads (default: keep them whole, in a restricted topic).")
    public boolean redactDeadLetters;

    @Option(
            names = "--national-id-rules",
            paramLabel = "RULE,RULE",
            description =
                    "The built-in national-id rules to apply: all (default), none, or a list of us-ssn, uk-nino, es-dni, it-codice-fiscale, fr-nir, nl-bsn.",
            defaultValue = "all")
    public String nationalIdRules;

    @Option(
            names = "--customer-id-key-file",
            paramLabel = "FILE",
            description =
                    "Pseudonymise customer ids with the secret key in this file (at least 32 bytes): state and every output then hold per-tenant keyed pseudonyms instead of the platform's ids (docs/privacy.md).")
    public java.nio.file.Path customerIdKeyFile;

    @Option(
            names = "--national-id-pattern",
            description =
                    "A regular expression of a national id to redact, e.g. '\\b\\d{3}-\\d{2}-\\d{4}\\b' for a US SSN; repeatable.")
    public java.util.List<String> nationalIdPatterns = new java.util.ArrayList<>();

    @Option(
            names = "--tenant-national-id-pattern",
            paramLabel = "TENANT=REGEX",
            description =
                    "A national-id pattern to redact in one tenant's text only, e.g. acme-es='\\b\\d{8}[A-Z]\\b' (a Spanish DNI); repeatable.")
    public java.util.List<String> tenantNationalIdPatterns = new java.util.ArrayList<>();

    @Option(
            names = "--ner-tenant",
            paramLabel = "TENANT",
            description =
                    "Also remove person names found by CoreNLP's NER from this tenant's escalation evidence (about 2 ms per excerpt; needs CoreNLP's models jar on the classpath); repeatable.")
    public java.util.List<String> nerTenants = new java.util.ArrayList<>();

    PrivacySettings toSettings() {
        dev.switchboard.models.privacy.CustomerPseudonyms pseudonyms = null;
        if (customerIdKeyFile != null) {
            try {
                pseudonyms =
                        dev.switchboard.models.privacy.CustomerPseudonyms.fromKeyFile(
                                customerIdKeyFile);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(
                        "--customer-id-key-file: cannot read "
                                + customerIdKeyFile
                                + ": "
                                + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--customer-id-key-file: " + e.getMessage());
            }
        }
        return new PrivacySettings(
                redactDeadLetters,
                PrivacySettings.rules(nationalIdRules),
                nationalIdPatterns,
                tenantPatterns(),
                new java.util.HashSet<>(nerTenants),
                pseudonyms);
    }

    private java.util.Map<String, java.util.List<String>> tenantPatterns() {
        java.util.Map<String, java.util.List<String>> byTenant = new java.util.HashMap<>();
        for (String spec : tenantNationalIdPatterns) {
            int eq = spec.indexOf('=');
            if (eq <= 0 || eq == spec.length() - 1) {
                throw new IllegalArgumentException(
                        "--tenant-national-id-pattern must be TENANT=REGEX, was '" + spec + "'");
            }
            byTenant.computeIfAbsent(spec.substring(0, eq), t -> new java.util.ArrayList<>())
                    .add(spec.substring(eq + 1));
        }
        return byTenant;
    }
}
