package dev.switchboard.models.training;

/** One training or evaluation example: a text and its lower-cased label. */
public record LabelledText(String text, String label) {}
