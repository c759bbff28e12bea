package dev.switchboard.operators.routing;

import dev.switchboard.models.intent.IntentModel;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One tenant's routing configuration: which intent model reads its customers, which skills each
 * intent needs, and its queue catalogue. Validated when built: every error names the tenant and the
 * field, so a bad file fails the job at start, not a conversation at run time.
 *
 * @param intentModel a shipped intent model ({@code banking77}, {@code customer-service}), or the
 *     path of an intent model file ({@code switchboard model train --model intent}) readable on
 *     every TaskManager
 * @param intentSkills skills needed by intent; an intent not listed needs {@code defaultSkills}
 * @param defaultSkills skills of a conversation whose intent is unknown or unlisted
 * @param queues the tenant's queues by name, with the skills and languages they are staffed for
 * @param fallbackQueue where a conversation goes when no live queue qualifies; one of {@code
 *     queues}
 */
public record TenantRouting(
        String intentModel,
        Map<String, List<String>> intentSkills,
        List<String> defaultSkills,
        Map<String, QueueDefinition> queues,
        String fallbackQueue)
        implements Serializable {

    /**
     * A queue of the catalogue.
     *
     * @param skills what its agents can handle
     * @param languages ISO 639-1 codes of the languages its agents speak
     */
    public record QueueDefinition(List<String> skills, List<String> languages)
            implements Serializable {
        public QueueDefinition {
            skills = List.copyOf(skills);
            languages = List.copyOf(languages);
        }
    }

    public TenantRouting {
        intentSkills = intentSkills == null ? Map.of() : copy(intentSkills);
        defaultSkills = defaultSkills == null ? List.of() : List.copyOf(defaultSkills);
        queues = queues == null ? Map.of() : Map.copyOf(queues);
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> m) {
        Map<String, List<String>> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return Map.copyOf(out);
    }

    /**
     * Checks the configuration against itself and the intent model.
     *
     * @throws IllegalArgumentException naming the tenant and what is wrong
     */
    public TenantRouting validate(String tenant) {
        String at = "routing of tenant '" + tenant + "': ";
        if (tenant == null || tenant.isBlank() || tenant.indexOf('/') >= 0) {
            throw new IllegalArgumentException(
                    "routing: tenant names must be non-empty and contain no '/', got '"
                            + tenant
                            + "'");
        }
        if (intentModel == null) {
            throw new IllegalArgumentException(
                    at
                            + "intentModel is required (one of "
                            + new TreeSet<>(IntentModel.SHIPPED.keySet())
                            + ")");
        }
        List<String> known;
        try {
            known = IntentModel.named(intentModel).intents();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + "intentModel: " + e.getMessage());
        }
        if (queues.isEmpty()) {
            throw new IllegalArgumentException(at + "queues must name at least one queue");
        }
        Set<String> offered = new HashSet<>();
        queues.forEach(
                (name, q) -> {
                    if (name.isBlank()) {
                        throw new IllegalArgumentException(at + "a queue name is empty");
                    }
                    if (q.skills().isEmpty()) {
                        throw new IllegalArgumentException(
                                at + "queue '" + name + "' has no skills");
                    }
                    if (q.languages().isEmpty()) {
                        throw new IllegalArgumentException(
                                at + "queue '" + name + "' has no languages");
                    }
                    for (String l : q.languages()) {
                        if (!l.matches("[a-z]{2}")) {
                            throw new IllegalArgumentException(
                                    at
                                            + "queue '"
                                            + name
                                            + "': language '"
                                            + l
                                            + "' is not an ISO 639-1 code such as \"en\"");
                        }
                    }
                    offered.addAll(q.skills());
                });
        if (fallbackQueue == null || !queues.containsKey(fallbackQueue)) {
            throw new IllegalArgumentException(
                    at
                            + "fallbackQueue '"
                            + fallbackQueue
                            + "' is not one of its queues "
                            + new TreeSet<>(queues.keySet()));
        }
        if (defaultSkills.isEmpty()) {
            throw new IllegalArgumentException(
                    at
                            + "defaultSkills must name at least one skill (for conversations of unknown intent)");
        }
        intentSkills.forEach(
                (intent, skills) -> {
                    if (!known.contains(intent)) {
                        throw new IllegalArgumentException(
                                at
                                        + "intentSkills: '"
                                        + intent
                                        + "' is not an intent of model "
                                        + intentModel);
                    }
                    if (skills.isEmpty()) {
                        throw new IllegalArgumentException(
                                at + "intentSkills: '" + intent + "' needs at least one skill");
                    }
                });
        List<String> missing = new ArrayList<>();
        for (List<String> skills : intentSkills.values()) {
            for (String s : skills) {
                if (!offered.contains(s) && !missing.contains(s)) {
                    missing.add(s);
                }
            }
        }
        for (String s : defaultSkills) {
            if (!offered.contains(s) && !missing.contains(s)) {
                missing.add(s);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    at
                            + "no queue has the skills "
                            + missing
                            + " (queues offer "
                            + new TreeSet<>(offered)
                            + ")");
        }
        return this;
    }

    /** The skills {@code intent} needs; {@code defaultSkills} for an unknown or unlisted one. */
    public List<String> skillsFor(String intent) {
        List<String> skills = intent == null ? null : intentSkills.get(intent);
        return skills == null ? defaultSkills : skills;
    }
}
