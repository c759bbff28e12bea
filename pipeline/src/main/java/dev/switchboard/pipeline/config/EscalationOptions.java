package dev.switchboard.pipeline.config;

import dev.switchboard.operators.escalation.EscalationPolicy;
import picocli.CommandLine.Option;

/**
 * The options of {@code switchboard run} that name the escalation policy files: {@link
 * EscalationSettings}.
 */
public class EscalationOptions {
    @Option(
            names = "--policy",
            description =
                    "Escalation policy as a JSON file (default: the built-in policy; see docs/escalation.md).")
    public java.nio.file.Path policyFile;

    @Option(
            names = "--tenant-policy",
            description =
                    "A tenant's live or shadow escalation policy as a JSON file, as published on the policies topic; repeatable.")
    public java.util.List<java.nio.file.Path> tenantPolicyFiles = new java.util.ArrayList<>();

    EscalationSettings toSettings() {
        return new EscalationSettings(
                policyFile == null ? EscalationPolicy.defaults() : PolicyFile.read(policyFile),
                PolicyFile.readTenants(tenantPolicyFiles));
    }
}
