package dev.switchboard.operators.records.wire;

import dev.switchboard.models.requests.EscalationRequest;
import dev.switchboard.models.sentiment.SentimentLabel;
import dev.switchboard.models.sentiment.SpeakerRole;
import dev.switchboard.operators.records.Channel;
import dev.switchboard.operators.records.EventType;
import java.util.List;

/** The enums the per-message records carry, by the index {@link Decoding#constant} takes. */
final class RecordEnums {
    static final int EVENT_TYPE = 0;
    static final int CHANNEL = 1;
    static final int ROLE = 2;
    static final int LABEL = 3;
    static final int REQUEST = 4;

    static final List<Class<? extends Enum<?>>> ALL =
            List.of(
                    EventType.class,
                    Channel.class,
                    SpeakerRole.class,
                    SentimentLabel.class,
                    EscalationRequest.class);

    private RecordEnums() {}
}
