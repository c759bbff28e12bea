package dev.switchboard.models.sentiment;

import java.util.Locale;

/**
 * The three sentiment classes; {@link #wireName()} is how they appear in model files and output.
 */
public enum SentimentLabel {
    NEGATIVE,
    NEUTRAL,
    POSITIVE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a label case-insensitively; unknown names get an error that lists the valid ones. */
    public static SentimentLabel parse(String name) {
        for (SentimentLabel label : values()) {
            if (label.name().equalsIgnoreCase(name.trim())) {
                return label;
            }
        }
        throw new IllegalArgumentException(
                "unknown sentiment label '" + name + "' (expected negative, neutral or positive)");
    }
}
