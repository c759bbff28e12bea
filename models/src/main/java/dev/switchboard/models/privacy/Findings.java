package dev.switchboard.models.privacy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the redactor has found in one text so far. Detectors run from the most specific kind to the
 * least, and a later finding that overlaps an earlier one is dropped: the digits of a card are
 * never also a phone number.
 */
final class Findings {
    private final List<Finding> found = new ArrayList<>(4);

    /** Adds the finding unless it overlaps one already found; true when added. */
    boolean add(int start, int end, PiiKind kind) {
        if (start >= end || overlaps(start, end)) {
            return false;
        }
        found.add(new Finding(start, end, kind));
        return true;
    }

    boolean overlaps(int start, int end) {
        for (int i = 0; i < found.size(); i++) {
            if (found.get(i).overlaps(start, end)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when a finding of {@code kind} ends at most {@code gap} characters before {@code at}.
     */
    boolean endsJustBefore(int at, int gap, PiiKind kind) {
        for (Finding f : found) {
            if (f.kind() == kind && f.end() <= at && at - f.end() <= gap) {
                return true;
            }
        }
        return false;
    }

    /** The findings in text order. */
    List<Finding> sorted() {
        found.sort(Comparator.comparingInt(Finding::start));
        return found;
    }
}
