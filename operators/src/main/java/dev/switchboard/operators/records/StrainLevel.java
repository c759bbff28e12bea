package dev.switchboard.operators.records;

/** How strained an agent's recent contacts look, in rising order. */
public enum StrainLevel {
    NONE,
    ELEVATED,
    HIGH
}
