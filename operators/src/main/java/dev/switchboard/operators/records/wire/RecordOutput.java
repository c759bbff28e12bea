package dev.switchboard.operators.records.wire;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Where a {@link RecordFormat} writes: the target of the current record, and a scratch buffer for
 * strings. One per serializer instance (Flink duplicates serializers per thread).
 *
 * <p>Strings are a length and their bytes: one byte a character when every character is ASCII (most
 * ids, and English text), UTF-8 otherwise. Flink's {@code StringValue} encoding writes and reads
 * them a character at a time and looks up a thread-local buffer on every read, which was a
 * twentieth of the job's samples (docs/performance.md).
 */
public final class RecordOutput implements Serializable {
    private static final long serialVersionUID = 1L;

    private transient DataOutputView out;
    private byte[] scratch = new byte[256];

    RecordOutput() {}

    void target(DataOutputView target) {
        this.out = target;
    }

    public void writeByte(int v) throws IOException {
        out.writeByte(v);
    }

    public void writeBoolean(boolean v) throws IOException {
        out.writeBoolean(v);
    }

    public void writeInt(int v) throws IOException {
        out.writeInt(v);
    }

    public void writeLong(long v) throws IOException {
        out.writeLong(v);
    }

    public void writeDouble(double v) throws IOException {
        out.writeDouble(v);
    }

    /** An enum constant as one byte: 0 for null, else its position plus one. */
    public void writeConstant(Enum<?> constant) throws IOException {
        out.writeByte(constant == null ? 0 : constant.ordinal() + 1);
    }

    /**
     * A header, then the bytes: the header is 0 for null, else {@code (bytes + 1) << 1} with the
     * low bit set for UTF-8 (clear for ASCII), as a variable-length integer.
     */
    public void writeString(String s) throws IOException {
        if (s == null) {
            out.writeByte(0);
            return;
        }
        int n = s.length();
        if (scratch.length < n) {
            scratch = new byte[Math.max(n, scratch.length * 2)];
        }
        byte[] b = scratch;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                writeLength(((utf8.length + 1) << 1) | 1);
                out.write(utf8);
                return;
            }
            b[i] = (byte) c;
        }
        writeLength((n + 1) << 1);
        out.write(b, 0, n);
    }

    private void writeLength(int v) throws IOException {
        while (v >= 0x80) {
            out.writeByte(v | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }
}
