package dev.switchboard.bench.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.flink.api.common.JobID;

/**
 * What the meaning tier did in a run of the Switchboard job ({@code --meaning-tier on}), from the
 * Read meaning operator's counters summed over its subtasks (Flink's REST metrics), since the job
 * started: warm-up and measured phase together.
 *
 * @param considered customer messages the second opinion could be asked for (English, scored by the
 *     shipped model)
 * @param asked those handed to the tier: unsure ones, or decisive turns ({@code DecisiveTurns})
 * @param askedDecisive among {@code asked}, those asked for as decisive turns only
 * @param rescored those the second opinion re-scored (the rest fell back, below)
 * @param changed re-scored messages whose label it changed
 * @param read messages the tier read (for an intent, a second opinion or both)
 * @param fallbacks messages the tier was handed and did not read, by cause: rate, saturated, late,
 *     failed
 * @param readP99Ms the tier's latency from hand-over to reading, p99 of the worst subtask
 */
record MeaningTierFigures(
        long considered,
        long asked,
        long askedDecisive,
        long rescored,
        long changed,
        long read,
        Map<String, Long> fallbacks,
        Double readP99Ms) {
    static final String CONSIDERED = "secondOpinionConsidered";
    static final String ASKED = "secondOpinionAsked";
    static final String ASKED_DECISIVE = "secondOpinionAskedDecisive";
    static final String RESCORED = "secondOpinionRescored";
    static final String CHANGED = "secondOpinionChanged";
    static final String READ = "meaningRead";
    static final List<String> FALLBACKS =
            List.of(
                    "meaningFallbackCpu",
                    "meaningFallbackRate",
                    "meaningFallbackSaturated",
                    "meaningFallbackLate",
                    "meaningFallbackFailed");
    static final String MILLIS_P99 = "meaningMillis_p99";

    /** Share of the considered messages the second opinion re-scored, null when none. */
    public Double rescoredShare() {
        return considered == 0 ? null : (double) rescored / considered;
    }

    /** Over the job's vertices, from its REST API; null when it has no meaning tier metrics. */
    static MeaningTierFigures read(int restPort, JobID job) {
        String base = "/jobs/" + job;
        JsonNode plan = FlinkRest.rest(restPort, base);
        if (plan == null) {
            return null;
        }
        return from(
                plan,
                vertex ->
                        FlinkRest.rest(
                                restPort, base + "/vertices/" + vertex + "/subtasks/metrics"),
                (vertex, ids) ->
                        FlinkRest.rest(
                                restPort,
                                base
                                        + "/vertices/"
                                        + vertex
                                        + "/subtasks/metrics?agg=sum,max&get="
                                        + URLEncoder.encode(
                                                String.join(",", ids), StandardCharsets.UTF_8)));
    }

    /**
     * The figures from the job's plan; {@code metricIds} lists a vertex's subtask metrics and
     * {@code aggregates} sums and maxes the given ones, as the REST API answers. A metric's id ends
     * with its name after a dot ({@code <operator>.switchboard.<name>}).
     */
    static MeaningTierFigures from(
            JsonNode plan,
            Function<String, JsonNode> metricIds,
            BiFunction<String, List<String>, JsonNode> aggregates) {
        Map<String, Double> sums = new HashMap<>();
        Double p99 = null;
        for (JsonNode vertex : plan.path("vertices")) {
            String id = vertex.path("id").asText();
            JsonNode available = metricIds.apply(id);
            if (available == null) {
                continue;
            }
            List<String> wanted = new ArrayList<>();
            for (JsonNode m : available) {
                String metric = m.path("id").asText();
                if (isTierMetric(name(metric))) {
                    wanted.add(metric);
                }
            }
            if (wanted.isEmpty()) {
                continue;
            }
            JsonNode values = aggregates.apply(id, wanted);
            if (values == null) {
                continue;
            }
            for (JsonNode v : values) {
                String name = name(v.path("id").asText());
                if (name.equals(MILLIS_P99)) {
                    // A subtask that read nothing reports NaN: no latency to speak of.
                    double max = v.path("max").asDouble(Double.NaN);
                    if (!Double.isNaN(max)) {
                        p99 = p99 == null ? max : Math.max(p99, max);
                    }
                } else {
                    sums.merge(name, v.path("sum").asDouble(), Double::sum);
                }
            }
        }
        if (!sums.containsKey(READ)) {
            return null;
        }
        Map<String, Long> fallbacks = new java.util.LinkedHashMap<>();
        for (String f : FALLBACKS) {
            fallbacks.put(
                    f.substring("meaningFallback".length()).toLowerCase(java.util.Locale.ROOT),
                    count(sums, f));
        }
        return new MeaningTierFigures(
                count(sums, CONSIDERED),
                count(sums, ASKED),
                count(sums, ASKED_DECISIVE),
                count(sums, RESCORED),
                count(sums, CHANGED),
                count(sums, READ),
                fallbacks,
                p99);
    }

    private static boolean isTierMetric(String name) {
        return name.equals(CONSIDERED)
                || name.equals(ASKED)
                || name.equals(ASKED_DECISIVE)
                || name.equals(RESCORED)
                || name.equals(CHANGED)
                || name.equals(READ)
                || name.equals(MILLIS_P99)
                || FALLBACKS.contains(name);
    }

    private static String name(String metricId) {
        return metricId.substring(metricId.lastIndexOf('.') + 1);
    }

    private static long count(Map<String, Double> sums, String name) {
        return Math.round(sums.getOrDefault(name, 0.0));
    }
}
