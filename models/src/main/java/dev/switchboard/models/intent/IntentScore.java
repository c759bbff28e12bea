package dev.switchboard.models.intent;

/**
 * The most likely intent of a message and the model's probability for it.
 *
 * @param intent the intent label, e.g. {@code card_arrival}
 * @param confidence its probability in [0, 1]
 */
public record IntentScore(String intent, double confidence) {}
