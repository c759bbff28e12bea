package dev.switchboard.models.sentiment;

/** Who wrote or said a message. */
public enum SpeakerRole {
    CUSTOMER,
    AGENT,
    BOT
}
