package dev.switchboard.models.training;

/**
 * One training or evaluation example: a text and its lower-cased label, with where it came from.
 *
 * @param source the name of the data set it was read from (per-set figures and class balance), or
 *     null
 * @param domain the kind of text ({@code tweet}, {@code dialogue}, ...) for domain-aware training,
 *     or null when the set has none
 * @param group the unit that must stay in one cross-validation fold (a dialogue), or null when each
 *     row stands alone
 * @param weight how much the example counts in training, before class balancing (1 by default)
 */
public record LabelledText(
        String text, String label, String source, String domain, String group, double weight) {
    public LabelledText(String text, String label) {
        this(text, label, null, null, null, 1.0);
    }
}
