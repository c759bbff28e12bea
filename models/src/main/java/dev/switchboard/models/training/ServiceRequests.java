package dev.switchboard.models.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Customer-service requests from the Bitext customer-service intents set, as sentiment examples:
 * plain requests ("how can I track my refund?") labelled neutral, and complaints and requests for a
 * human agent labelled negative, which is what they signal in a contact center. The airline tweets
 * alone teach the model that a question about a refund or a delivery is a complaint, because on
 * Twitter it mostly is; in a contact center it mostly is not, and flagging calm customers is what
 * gets such systems switched off.
 *
 * <p>Reviews and problem reports are left out: their tone varies and the set does not label it.
 */
public final class ServiceRequests {
    /** Bitext intents that signal an unhappy customer whatever the wording. */
    public static final Set<String> NEGATIVE_INTENTS = Set.of("complaint", "contact_human_agent");

    /** Bitext intents whose tone varies (reviews, problem reports): left out. */
    public static final Set<String> EXCLUDED_INTENTS =
            Set.of("review", "payment_issue", "registration_problems");

    private ServiceRequests() {}

    /** Reads a Bitext-format CSV ({@code utterance}, {@code intent}) as sentiment examples. */
    public static List<LabelledText> read(Path bitextCsv) throws IOException {
        return LabelledCsv.read(bitextCsv, "utterance", "intent", null).stream()
                .filter(row -> !EXCLUDED_INTENTS.contains(row.label()))
                .map(
                        row ->
                                new LabelledText(
                                        row.text(),
                                        NEGATIVE_INTENTS.contains(row.label())
                                                ? "negative"
                                                : "neutral"))
                .toList();
    }
}
