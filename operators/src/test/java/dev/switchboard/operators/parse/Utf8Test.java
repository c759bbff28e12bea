package dev.switchboard.operators.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {
    @Test
    void acceptsValidTextInEveryEncodedLength() {
        assertEquals(-1, Utf8.firstInvalidByte("a é € 😀".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void findsTheFirstBadByte() {
        assertEquals(1, Utf8.firstInvalidByte(new byte[] {'a', (byte) 0xff}));
        assertEquals(
                0, Utf8.firstInvalidByte(new byte[] {(byte) 0xc0, (byte) 0x80})); // overlong NUL
        assertEquals(
                0,
                Utf8.firstInvalidByte(
                        new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})); // a surrogate
        assertEquals(0, Utf8.firstInvalidByte(new byte[] {(byte) 0xe2, (byte) 0x82})); // cut short
        assertEquals(
                0,
                Utf8.firstInvalidByte(
                        new byte[] {
                            (byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80
                        })); // > U+10FFFF
    }

    @Test
    void agreesWithTheJdkDecoderOnRandomBytes() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[random.nextInt(12)];
            random.nextBytes(b);
            boolean jdkValid;
            try {
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(b));
                jdkValid = true;
            } catch (CharacterCodingException e) {
                jdkValid = false;
            }
            assertEquals(
                    jdkValid, Utf8.firstInvalidByte(b) < 0, () -> java.util.Arrays.toString(b));
        }
    }

    @Test
    void countsEncodedLength() {
        for (String s : new String[] {"", "abc", "é", "€uro", "😀!", "naïve café 😀€"}) {
            assertEquals(s.getBytes(StandardCharsets.UTF_8).length, Utf8.encodedLength(s), s);
        }
    }
}
