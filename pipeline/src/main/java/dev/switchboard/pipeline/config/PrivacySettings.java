package dev.switchboard.pipeline.config;

import dev.switchboard.models.privacy.CustomerPseudonyms;
import dev.switchboard.models.privacy.NationalIdRule;
import dev.switchboard.models.privacy.TenantRedactors;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What the job does with personal data: the redaction rules for text that leaves it, and whether
 * customer ids are pseudonymised.
 *
 * @param redactDeadLetters redact dead-letter payloads (otherwise kept whole in a restricted topic)
 * @param nationalIdRules the built-in national-id rules applied for every tenant
 * @param nationalIdPatterns further national-id patterns redacted for every tenant
 * @param tenantNationalIdPatterns further patterns by tenant
 * @param nerTenants tenants whose decision evidence also goes through CoreNLP's NER
 * @param customerPseudonyms when not null, every customer id is replaced by its pseudonym as it is
 *     read, so state and outputs hold pseudonyms only
 */
public record PrivacySettings(
        boolean redactDeadLetters,
        Set<NationalIdRule> nationalIdRules,
        List<String> nationalIdPatterns,
        Map<String, List<String>> tenantNationalIdPatterns,
        Set<String> nerTenants,
        CustomerPseudonyms customerPseudonyms) {

    public static final PrivacySettings DEFAULTS =
            new PrivacySettings(
                    false,
                    EnumSet.allOf(NationalIdRule.class),
                    List.of(),
                    Map.of(),
                    Set.of(),
                    null);

    public PrivacySettings {
        nationalIdRules = nationalIdRules.isEmpty() ? Set.of() : Set.copyOf(nationalIdRules);
        nationalIdPatterns = List.copyOf(nationalIdPatterns);
        checkPatterns("--national-id-pattern", nationalIdPatterns);
        tenantNationalIdPatterns = Map.copyOf(tenantNationalIdPatterns);
        for (List<String> patterns : tenantNationalIdPatterns.values()) {
            checkPatterns("--tenant-national-id-pattern", patterns);
        }
        nerTenants = Set.copyOf(nerTenants);
        if (!nerTenants.isEmpty()) {
            try {
                dev.switchboard.models.privacy.CoreNlpNames.requireAvailable();
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException("--ner-tenant: " + e.getMessage());
            }
        }
    }

    /**
     * The rules named in {@code --national-id-rules}: a comma-separated list, {@code all} or {@code
     * none}.
     */
    public static Set<NationalIdRule> rules(String spec) {
        String s = spec.trim();
        if (s.equalsIgnoreCase("all")) {
            return EnumSet.allOf(NationalIdRule.class);
        }
        if (s.equalsIgnoreCase("none") || s.isEmpty()) {
            return EnumSet.noneOf(NationalIdRule.class);
        }
        EnumSet<NationalIdRule> rules = EnumSet.noneOf(NationalIdRule.class);
        for (String name : s.split(",")) {
            try {
                rules.add(NationalIdRule.byOptionName(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--national-id-rules: " + e.getMessage());
            }
        }
        return rules;
    }

    /** The redactors for every text that leaves the job, by tenant. */
    public TenantRedactors redactors() {
        return new TenantRedactors(
                nationalIdRules, nationalIdPatterns, tenantNationalIdPatterns, nerTenants);
    }

    private static void checkPatterns(String option, List<String> patterns) {
        for (String pattern : patterns) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        option
                                + ": not a regular expression: "
                                + pattern
                                + " ("
                                + e.getDescription()
                                + ")");
            }
        }
    }
}
