package dev.switchboard.pipeline;

/**
 * The uid of every operator. Uids map savepoint state to operators: never change one after a
 * release (names, shown in the web UI and metrics, may change).
 */
public final class OperatorIds {
    public static final String MESSAGES_SOURCE = "messages-source";
    public static final String CONTROL_SOURCE = "control-source";
    public static final String PARSE = "parse-messages";
    public static final String PARSE_CONTROL = "parse-control";
    public static final String POLICIES_SOURCE = "policies-source";
    public static final String PARSE_POLICIES = "parse-policies";
    public static final String POLICIES_TIME = "policies-without-event-time";
    public static final String SHADOW_ESCALATIONS_SINK = "shadow-escalations-sink";
    public static final String CONTROL_TIME = "control-without-event-time";
    public static final String ERASE_TO_CUSTOMER = "erase-requests-to-customer-state";
    public static final String COLLECT_ERASURE_RECEIPT = "collect-erasure-receipt";
    public static final String AUDIT_SINK = "audit-sink";
    public static final String EVENT_TIME = "assign-event-time";
    public static final String SCORE = "score-sentiment";
    public static final String READ_MEANING = "read-meaning";
    public static final String TRACK_CONVERSATION = "track-conversation";
    public static final String DECIDE_ESCALATION = "decide-escalation";
    public static final String SCORES_SINK = "scores-sink";
    public static final String ESCALATIONS_SINK = "escalations-sink";
    public static final String SUMMARIES_SINK = "conversation-summaries-sink";
    public static final String DEAD_LETTERS_SINK = "dead-letters-sink";
    public static final String QUEUE_STATUS_SOURCE = "queue-status-source";
    public static final String NO_QUEUE_STATUS = "no-queue-status";
    public static final String PARSE_QUEUE_STATUS = "parse-queue-status";
    public static final String QUEUE_STATUS_TIME = "queue-status-without-event-time";
    public static final String ROUTE_CONVERSATION = "route-conversation";
    public static final String ROUTING_SINK = "routing-sink";
    public static final String DETECT_COMPLAINT_SURGES = "detect-complaint-surges";
    public static final String WATCH_AGENT_STRAIN = "watch-agent-strain";
    public static final String INSIGHTS_SINK = "insights-sink";

    private OperatorIds() {}
}
