package dev.switchboard.models.privacy;

/** Kinds of personal data the redactor replaces, each with its typed placeholder. */
public enum PiiKind {
    CARD("[CARD]"),
    IBAN("[IBAN]"),
    EMAIL("[EMAIL]"),
    PHONE("[PHONE]"),
    NATIONAL_ID("[NATIONAL_ID]"),
    ADDRESS("[ADDRESS]"),
    NAME("[NAME]");

    private final String placeholder;

    PiiKind(String placeholder) {
        this.placeholder = placeholder;
    }

    public String placeholder() {
        return placeholder;
    }
}
