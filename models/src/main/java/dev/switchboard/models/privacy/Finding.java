package dev.switchboard.models.privacy;

/** Personal data found in a text: {@code text.substring(start, end)} is of {@code kind}. */
public record Finding(int start, int end, PiiKind kind) {
    boolean overlaps(int otherStart, int otherEnd) {
        return start < otherEnd && otherStart < end;
    }
}
