package dev.switchboard.board;

/** User-supplied values made safe for a log line: no line breaks or control characters, bounded. */
final class LogSafe {
    private LogSafe() {}

    private static final int MAX = 64;

    static String of(String value) {
        if (value == null) {
            return "(none)";
        }
        StringBuilder b = new StringBuilder(Math.min(value.length(), MAX) + 3);
        for (int i = 0; i < value.length() && b.length() < MAX; i++) {
            char c = value.charAt(i);
            b.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
        }
        return value.length() > MAX ? b + "..." : b.toString();
    }
}
