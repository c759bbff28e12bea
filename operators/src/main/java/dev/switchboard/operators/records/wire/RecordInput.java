package dev.switchboard.operators.records.wire;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataInputView;

/**
 * What a {@link RecordFormat} reads from: the source of the current record, the {@link Decoding} of
 * the release that wrote it, and a scratch buffer for strings (see {@link RecordOutput}). One per
 * serializer instance.
 */
public final class RecordInput implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Decoding decoding;
    private transient DataInputView in;
    private byte[] scratch = new byte[256];

    RecordInput(Decoding decoding) {
        this.decoding = decoding;
    }

    void source(DataInputView source) {
        this.in = source;
    }

    /** The version of the format that wrote the bytes. */
    public int version() {
        return decoding.version();
    }

    public int readUnsignedByte() throws IOException {
        return in.readUnsignedByte();
    }

    public boolean readBoolean() throws IOException {
        return in.readBoolean();
    }

    public int readInt() throws IOException {
        return in.readInt();
    }

    public long readLong() throws IOException {
        return in.readLong();
    }

    public double readDouble() throws IOException {
        return in.readDouble();
    }

    /** A constant of the format's enum number {@code enumIndex}. */
    public <E extends Enum<E>> E constant(int enumIndex) throws IOException {
        return decoding.constant(enumIndex, in.readUnsignedByte());
    }

    public String readString() throws IOException {
        int header = readLength();
        if (header == 0) {
            return null;
        }
        int n = (header >>> 1) - 1;
        if (scratch.length < n) {
            scratch = new byte[Math.max(n, scratch.length * 2)];
        }
        in.readFully(scratch, 0, n);
        return new String(
                scratch,
                0,
                n,
                (header & 1) == 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    private int readLength() throws IOException {
        int v = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (b & 0x7F) << shift;
            if (b < 0x80) {
                return v;
            }
            if (shift > 21) {
                throw new IOException("string length longer than 5 bytes");
            }
        }
    }
}
