package dev.switchboard.operators.records;

/** The {@code type} of an input record. */
public enum EventType {
    MESSAGE("message"),
    CONVERSATION_STARTED("conversation.started"),
    CONVERSATION_ENDED("conversation.ended"),
    /** On the control topic: erase everything kept about a customer. */
    ERASE("erase");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * @return the type, or null when {@code name} is not one
     */
    public static EventType fromWire(String name) {
        for (EventType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
