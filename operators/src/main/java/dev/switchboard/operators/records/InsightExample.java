package dev.switchboard.operators.records;

/** One conversation of a complaint surge: its id and a redacted excerpt (may be null). */
public class InsightExample {
    public String conversationId;
    public String excerpt;
    public long ts;

    public InsightExample() {}

    public InsightExample(String conversationId, String excerpt, long ts) {
        this.conversationId = conversationId;
        this.excerpt = excerpt;
        this.ts = ts;
    }
}
