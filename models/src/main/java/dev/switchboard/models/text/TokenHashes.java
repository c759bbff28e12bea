package dev.switchboard.models.text;

/**
 * The 64-bit hashes every feature is made of: FNV-1a over a token's characters, mixed by
 * MurmurHash3's finaliser before it is folded into a bucket. Changing either changes every shipped
 * model's feature ids.
 */
public final class TokenHashes {
    private TokenHashes() {}

    static final long FNV_OFFSET = 0xcbf29ce484222325L;

    static long fnv(long h, char c) {
        return (h ^ c) * 0x100000001b3L;
    }

    static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    /**
     * The hash of a normalised token, as {@link TextFeatures#extract} computes it for each token of
     * a message.
     */
    public static long hashOf(String token) {
        long h = FNV_OFFSET;
        for (int k = 0; k < token.length(); k++) {
            h = fnv(h, token.charAt(k));
        }
        return h;
    }

    /**
     * The hash of {@code text[start, end)} lower-cased, without a string: how a lower-case word
     * list is matched against running text.
     */
    public static long hashOfLowerCase(CharSequence text, int start, int end) {
        long h = FNV_OFFSET;
        for (int k = start; k < end; k++) {
            h = fnv(h, Character.toLowerCase(text.charAt(k)));
        }
        return h;
    }
}
