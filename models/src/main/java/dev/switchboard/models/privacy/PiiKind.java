package dev.switchboard.models.privacy;

/** Kinds of personal data the redactor replaces, each with its typed placeholder. */
public enum PiiKind {
    CARD("[CARD]"),
    /** A card's security code (CVV, CVC, CID) or expiry date. */
    CARD_SECURITY("[CARD_SECURITY]"),
    IBAN("[IBAN]"),
    EMAIL("[EMAIL]"),
    PHONE("[PHONE]"),
    NATIONAL_ID("[NATIONAL_ID]"),
    PASSPORT("[PASSPORT]"),
    DATE_OF_BIRTH("[DATE_OF_BIRTH]"),
    ADDRESS("[ADDRESS]"),
    POSTCODE("[POSTCODE]"),
    NAME("[NAME]");

    private final String placeholder;

    PiiKind(String placeholder) {
        this.placeholder = placeholder;
    }

    public String placeholder() {
        return placeholder;
    }
}
