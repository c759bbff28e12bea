package dev.switchboard.models.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class CustomerPseudonymsTest {
    private static final byte[] KEY =
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aCustomerKeepsOnePseudonymPerTenantAndTenantsDoNotShareThem() {
        CustomerPseudonyms.Session s = new CustomerPseudonyms(KEY).session();
        String a = s.of("acme", "+447700900123");
        assertEquals(a, s.of("acme", "+447700900123"));
        assertEquals(
                a,
                new CustomerPseudonyms(KEY).session().of("acme", "+447700900123"),
                "the same key gives the same pseudonym");
        assertNotEquals(a, s.of("globex", "+447700900123"));
        assertNotEquals(a, s.of("acme", "+447700900124"));
        assertNotEquals(
                a,
                new CustomerPseudonyms(
                                "another key of thirty-two bytes!"
                                        .getBytes(StandardCharsets.US_ASCII))
                        .session()
                        .of("acme", "+447700900123"));
        assertTrue(CustomerPseudonyms.isPseudonym(a), a);
        assertTrue(!a.contains("7700900123"));
    }

    @Test
    void aPlatformWithTheKeyComputesTheSamePseudonymAsDocumented() throws Exception {
        Mac master = Mac.getInstance("HmacSHA256");
        master.init(new SecretKeySpec(KEY, "HmacSHA256"));
        byte[] tenantKey =
                master.doFinal("switchboard-tenant:acme".getBytes(StandardCharsets.UTF_8));
        Mac tenant = Mac.getInstance("HmacSHA256");
        tenant.init(new SecretKeySpec(tenantKey, "HmacSHA256"));
        String expected =
                "p-"
                        + HexFormat.of()
                                .formatHex(
                                        tenant.doFinal("cust-42".getBytes(StandardCharsets.UTF_8)),
                                        0,
                                        16);
        assertEquals(expected, new CustomerPseudonyms(KEY).session().of("acme", "cust-42"));
    }

    @Test
    void refusesShortKeys() {
        assertThrows(IllegalArgumentException.class, () -> new CustomerPseudonyms(new byte[16]));
    }
}
