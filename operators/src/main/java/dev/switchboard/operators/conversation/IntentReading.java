package dev.switchboard.operators.conversation;

import dev.switchboard.models.intent.IntentModel;
import dev.switchboard.models.intent.IntentScore;
import dev.switchboard.models.sentiment.Languages;
import dev.switchboard.models.sentiment.SpeakerRole;
import dev.switchboard.operators.records.ConversationEvent;
import dev.switchboard.operators.records.ConversationUpdate;
import dev.switchboard.operators.routing.RoutingSettings;
import java.util.HashMap;

/**
 * Settles a conversation's intent for routing: for tenants with routing, the first customer
 * messages are read by the tenant's intent model until one reaches {@code minIntentConfidence};
 * after {@code intentMessages} without one, or at once for a message in a language the intent
 * models do not read, the intent is {@link #UNKNOWN_INTENT}. Later messages are not read: the
 * intent model runs on a few messages per conversation, not on the per-message path. Plain Java;
 * the models are loaded once per instance.
 */
final class IntentReading {
    /** The intent of a conversation whose intent could not be read with confidence. */
    static final String UNKNOWN_INTENT = "unknown";

    private final RoutingSettings routing;
    private final HashMap<String, IntentModel> models = new HashMap<>();

    IntentReading(RoutingSettings routing) {
        this.routing = routing;
        routing.tenants()
                .forEach((tenant, r) -> models.put(tenant, IntentModel.named(r.intentModel())));
    }

    /**
     * Reads the customer's message {@code e} while the intent of {@code s} is not settled; when it
     * settles, {@code u} carries it.
     */
    private static final String ENGLISH = "en";

    void read(ConversationState s, ConversationEvent e, ConversationUpdate u) {
        if (s.intent != null || e.role != SpeakerRole.CUSTOMER || e.sentiment == null) {
            return;
        }
        IntentModel model = models.get(e.tenant);
        if (model == null) {
            return;
        }
        s.intentMessagesRead++;
        if (!e.sentiment.supported
                || e.text == null
                || !Languages.sameLanguage(e.language, ENGLISH)) {
            // The intent models read English only; guessing from another language would be noise.
            s.intent = UNKNOWN_INTENT;
            s.intentConfidence = 0;
            s.intentModel = null;
        } else {
            // The meaning tier's reading when it made one; else the hashed model's (the tier is
            // off, refused the message for its bounds, or was late).
            IntentScore score =
                    e.meaningIntent != null
                            ? new IntentScore(e.meaningIntent, e.meaningIntentConfidence)
                            : model.classify(e.text);
            s.intentModel = e.meaningIntent != null ? e.meaningModel : model.id();
            if (score.confidence() >= routing.minIntentConfidence()) {
                s.intent = score.intent();
                s.intentConfidence = score.confidence();
            } else if (s.intentMessagesRead >= routing.intentMessages()) {
                s.intent = UNKNOWN_INTENT;
                s.intentConfidence = score.confidence();
            }
        }
        if (s.intent != null) {
            u.intent = s.intent;
            u.intentConfidence = s.intentConfidence;
            u.intentModel = s.intentModel;
        }
    }

    /** Whether a later message of the conversation of {@code s} may still settle its intent. */
    boolean pending(ConversationState s, String tenant) {
        return s.intent == null && models.containsKey(tenant);
    }
}
