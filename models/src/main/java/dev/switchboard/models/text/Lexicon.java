package dev.switchboard.models.text;

import java.util.Arrays;

/**
 * The word sets behind {@link TextFeatures}' cues: negators, intensifiers, waiting and time words,
 * requests for a manager or to cancel, a small customer-service polarity lexicon, thanks, number
 * words and emoticons. Each word set is the sorted hashes of its words ({@link
 * TextFeatures#hashOf}), so a token is looked up by the hash it already has, without a string, in
 * one table of every set ({@link WordClasses}).
 */
final class Lexicon {
    private Lexicon() {}

    static final long[] NEGATORS =
            of(
                    "not",
                    "no",
                    "never",
                    "nobody",
                    "nothing",
                    "none",
                    "nowhere",
                    "neither",
                    "nor",
                    "cannot",
                    "without",
                    "noone",
                    "hardly",
                    "dont",
                    "cant",
                    "wont",
                    "didnt",
                    "isnt",
                    "doesnt",
                    "havent",
                    "hasnt",
                    "wasnt",
                    "werent",
                    "arent",
                    "couldnt",
                    "wouldnt",
                    "shouldnt",
                    "aint");
    static final long[] INTENSIFIERS =
            of(
                    "very",
                    "so",
                    "really",
                    "extremely",
                    "totally",
                    "absolutely",
                    "completely",
                    "super",
                    "incredibly",
                    "ridiculously",
                    "seriously",
                    "too",
                    "such",
                    "most",
                    "utterly",
                    "beyond",
                    "horribly",
                    "terribly");
    static final long[] WAITING =
            of(
                    "wait", "waiting", "waited", "waits", "hold", "queue", "queued", "delayed",
                    "delay", "delays", "still", "forever", "ages", "again", "yet", "late",
                    "another");
    static final long[] TIME_UNITS =
            of(
                    "hour", "hours", "hr", "hrs", "minute", "minutes", "min", "mins", "day", "days",
                    "week", "weeks", "month", "months");
    static final long[] MANAGER_WORDS =
            of(
                    "manager",
                    "supervisor",
                    "escalate",
                    "escalation",
                    "complaint",
                    "complain",
                    "lawyer",
                    "attorney",
                    "sue",
                    "legal",
                    "ombudsman",
                    "human",
                    "someone",
                    "person");
    static final long[] CANCEL_WORDS =
            of(
                    "cancel",
                    "cancelling",
                    "canceling",
                    "cancellation",
                    "refund",
                    "refunded",
                    "chargeback",
                    "close",
                    "closing",
                    "terminate",
                    "leave",
                    "switching");

    static final long[] THANKS_WORDS =
            of("thanks", "thank", "thx", "ty", "appreciate", "appreciated", "grateful");

    static final String[] POSITIVE_EMOTICONS = {
        ":-)", ":)", ":-d", ":d", "=)", ";-)", ";)", "<3", ":-p", ":p", "(:", "^^", "^_^"
    };
    static final String[] NEGATIVE_EMOTICONS = {
        ">:(", ":'(", ":-(", ":(", ":-/", ":/", ":-|", ":|", "):", "-_-", ":@"
    };

    static final long[] NUMBER_WORDS =
            of(
                    "a", "an", "one", "two", "three", "four", "five", "six", "ten", "twenty", "few",
                    "several", "many", "couple", "half");

    static long[] of(String... words) {
        long[] hashes = new long[words.length];
        for (int i = 0; i < words.length; i++) {
            hashes[i] = TokenHashes.hashOf(words[i]);
        }
        Arrays.sort(hashes);
        return hashes;
    }
}
