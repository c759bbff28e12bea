package dev.switchboard.operators.records;

/** Why a conversation's state was closed and summarised. */
public enum CloseReason {
    /** A {@code conversation.ended} record arrived. */
    ENDED,
    /** No record arrived for the configured idle timeout (event time). */
    IDLE_TIMEOUT
}
