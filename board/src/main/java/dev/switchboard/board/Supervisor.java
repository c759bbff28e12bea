package dev.switchboard.board;

/** A signed-in supervisor: who, and the one tenant whose conversations they may see. */
public record Supervisor(String username, String tenant) {}
