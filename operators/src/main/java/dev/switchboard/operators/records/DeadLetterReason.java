package dev.switchboard.operators.records;

/** Why an input record could not be processed. Codes are stable; consumers may switch on them. */
public enum DeadLetterReason {
    EMPTY_PAYLOAD,
    INVALID_UTF8,
    INVALID_JSON,
    NOT_A_JSON_OBJECT,
    UNSUPPORTED_VERSION,
    UNKNOWN_TYPE,
    MISSING_FIELD,
    WRONG_TYPE,
    INVALID_VALUE,
    TEXT_TOO_LONG,
    /** A record of the policies topic that is not a valid policy; the tenant keeps its policy. */
    INVALID_POLICY,
    /** A record of the queue-status topic that does not follow the contract. */
    INVALID_QUEUE_STATUS,
    /** A queue status of a tenant without routing, or of a queue not in its catalogue. */
    UNKNOWN_QUEUE
}
