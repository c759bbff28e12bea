package dev.switchboard.operators.records;

import java.util.Locale;

/** The medium a conversation runs on. Wire form: the lower-case name. */
public enum Channel {
    CHAT,
    VOICE,
    EMAIL,
    SOCIAL,
    SMS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @return the channel, or null when {@code name} is not one (the parser turns that into a dead
     *     letter)
     */
    public static Channel fromWire(String name) {
        for (Channel c : values()) {
            if (c.wireName().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
