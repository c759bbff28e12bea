package dev.switchboard.models.text;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Word meanings a bag of n-grams lacks: for each word of a fixed vocabulary, a dense vector
 * ({@value #DIMENSIONS} dimensions, general-purpose English embeddings) and, where known, a
 * sentiment polarity in [-1, 1]. With them a linear model can score a word it never saw in training
 * ("outage" is near "failure"), which is what the sentiment model needs most on text from other
 * industries than the airlines it was trained on.
 *
 * <p>Both come from Stanford CoreNLP's English models jar, converted by {@code switchboard model
 * word-vectors} ({@code WordVectorsBuilder}): the vectors are the embeddings its neural coreference
 * system ships, the polarity is what its RNTN sentiment model predicts for each word of its
 * vocabulary on its own (expected class, very negative -1 to very positive +1). The converted file
 * (about 5 MB) is a resource of this jar; the 474 MB models jar is needed only to rebuild it.
 *
 * <p>Words are looked up by the 64-bit hash {@link TextFeatures} already computes for each token
 * (lower-cased, digits folded to {@code 0}), in an open-addressing table: no strings and no
 * allocation per lookup. Vectors are stored as bytes with one scale; immutable, so one instance
 * serves every thread.
 */
public final class WordVectors {
    public static final int DIMENSIONS = 50;
    public static final String SHIPPED_RESOURCE =
            "/dev/switchboard/models/text/word-vectors.bin.gz";

    private static final int MAGIC = 0x53575756; // "SWWV"
    private static final int FORMAT_VERSION = 1;
    private static volatile WordVectors shipped;

    private final long[] hashes;
    private final byte[] vectors;
    private final float vectorScale;
    private final float[] polarity;
    private final boolean[] hasVector;
    private final long[] slots;
    private final int[] slotEntry;
    private final int slotMask;
    private final long checksum;

    /**
     * @param hashes token hash of each entry ({@link TextFeatures#hashOf}), distinct
     * @param vectors {@value #DIMENSIONS} bytes per entry, or all zero for an entry without a
     *     vector
     * @param vectorScale what one unit of a stored byte is worth
     * @param polarity per entry, or {@code NaN} where the word has none
     */
    public WordVectors(long[] hashes, byte[] vectors, float vectorScale, float[] polarity) {
        if (vectors.length != hashes.length * DIMENSIONS || polarity.length != hashes.length) {
            throw new IllegalArgumentException("vectors and polarity must have one entry per hash");
        }
        this.hashes = hashes;
        this.vectors = vectors;
        this.vectorScale = vectorScale;
        this.polarity = polarity;
        this.hasVector = new boolean[hashes.length];
        for (int e = 0; e < hashes.length; e++) {
            for (int d = 0; d < DIMENSIONS && !hasVector[e]; d++) {
                hasVector[e] = vectors[e * DIMENSIONS + d] != 0;
            }
        }
        int size = Integer.highestOneBit(Math.max(4, hashes.length * 2 - 1)) << 1;
        this.slots = new long[size];
        this.slotEntry = new int[size];
        this.slotMask = size - 1;
        Arrays.fill(slotEntry, -1);
        for (int e = 0; e < hashes.length; e++) {
            int s = slotOf(hashes[e]);
            while (slotEntry[s] >= 0) {
                if (slots[s] == hashes[e]) {
                    throw new IllegalArgumentException("duplicate word hash " + hashes[e]);
                }
                s = (s + 1) & slotMask;
            }
            slots[s] = hashes[e];
            slotEntry[s] = e;
        }
        this.checksum = checksum(hashes, vectors, vectorScale, polarity);
    }

    /** The vectors shipped in this jar, loaded once per class loader. */
    public static WordVectors shipped() {
        WordVectors w = shipped;
        if (w == null) {
            synchronized (WordVectors.class) {
                w = shipped;
                if (w == null) {
                    try (InputStream in = WordVectors.class.getResourceAsStream(SHIPPED_RESOURCE)) {
                        if (in == null) {
                            throw new IllegalStateException(
                                    "word vectors "
                                            + SHIPPED_RESOURCE
                                            + " are missing from the classpath");
                        }
                        w = read(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read the shipped word vectors", e);
                    }
                    shipped = w;
                }
            }
        }
        return w;
    }

    public int size() {
        return hashes.length;
    }

    /**
     * A fingerprint of the content: a model trained with these vectors records it and refuses to
     * load against different ones, whose dimensions would mean something else.
     */
    public long checksum() {
        return checksum;
    }

    /** The entry of the token with this hash, or -1. */
    public int entryOf(long tokenHash) {
        int s = slotOf(tokenHash);
        int e;
        while ((e = slotEntry[s]) >= 0) {
            if (slots[s] == tokenHash) {
                return e;
            }
            s = (s + 1) & slotMask;
        }
        return -1;
    }

    /**
     * Adds the entry's vector to {@code sum[0..DIMENSIONS)}, in stored units (see {@link
     * #vectorScale()}); integer sums of bytes, which the JIT vectorises.
     */
    public void addVector(int entry, int[] sum) {
        int base = entry * DIMENSIONS;
        for (int d = 0; d < DIMENSIONS; d++) {
            sum[d] += vectors[base + d];
        }
    }

    public boolean hasVector(int entry) {
        return hasVector[entry];
    }

    public float vectorScale() {
        return vectorScale;
    }

    /** The word's polarity in [-1, 1], or {@code NaN} when the sentiment vocabulary lacks it. */
    public float polarity(int entry) {
        return polarity[entry];
    }

    private int slotOf(long hash) {
        return (int) (hash ^ (hash >>> 29) ^ (hash >>> 47)) & slotMask;
    }

    public void write(OutputStream out) throws IOException {
        GZIPOutputStream gzip = new GZIPOutputStream(out);
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(gzip, 1 << 16));
        data.writeInt(MAGIC);
        data.writeInt(FORMAT_VERSION);
        data.writeInt(DIMENSIONS);
        data.writeInt(hashes.length);
        data.writeFloat(vectorScale);
        for (long h : hashes) {
            data.writeLong(h);
        }
        data.write(vectors);
        for (float p : polarity) {
            data.writeFloat(p);
        }
        data.flush();
        gzip.finish();
    }

    public static WordVectors read(InputStream in) throws IOException {
        DataInputStream data =
                new DataInputStream(new BufferedInputStream(new GZIPInputStream(in), 1 << 16));
        if (data.readInt() != MAGIC) {
            throw new IOException("not a Switchboard word-vectors file (bad magic number)");
        }
        int format = data.readInt();
        if (format != FORMAT_VERSION) {
            throw new IOException("unsupported word-vectors format version " + format);
        }
        int dimensions = data.readInt();
        if (dimensions != DIMENSIONS) {
            throw new IOException(
                    "word vectors have "
                            + dimensions
                            + " dimensions, this build reads "
                            + DIMENSIONS);
        }
        int n = data.readInt();
        float scale = data.readFloat();
        long[] hashes = new long[n];
        for (int i = 0; i < n; i++) {
            hashes[i] = data.readLong();
        }
        byte[] vectors = new byte[n * DIMENSIONS];
        data.readFully(vectors);
        float[] polarity = new float[n];
        for (int i = 0; i < n; i++) {
            polarity[i] = data.readFloat();
        }
        return new WordVectors(hashes, vectors, scale, polarity);
    }

    /**
     * CRC-32 of the content in little-endian bytes (NaN polarities in their one canonical form).
     */
    private static long checksum(long[] hashes, byte[] vectors, float scale, float[] polarity) {
        CRC32 crc = new CRC32();
        ByteBuffer hashBytes =
                ByteBuffer.allocate(hashes.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (long h : hashes) {
            hashBytes.putLong(h);
        }
        crc.update(hashBytes.array());
        crc.update(vectors);
        ByteBuffer floatBytes =
                ByteBuffer.allocate((1 + polarity.length) * Float.BYTES)
                        .order(ByteOrder.LITTLE_ENDIAN);
        floatBytes.putInt(Float.floatToIntBits(scale));
        for (float p : polarity) {
            floatBytes.putInt(Float.floatToIntBits(p));
        }
        crc.update(floatBytes.array());
        return crc.getValue() ^ ((long) hashes.length << 32);
    }
}
