package dev.switchboard.models.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TenantRedactorsTest {
    private final TenantRedactors redactors =
            new TenantRedactors(
                    EnumSet.noneOf(NationalIdRule.class),
                    List.of("\\b\\d{3}-\\d{2}-\\d{4}\\b"),
                    Map.of("acme-es", List.of("\\b\\d{8}[A-Z]\\b")),
                    Set.of());

    @Test
    void aTenantsOwnPatternsApplyToItsTextOnly() {
        String text = "DNI 12345678Z, SSN 078-05-1120";
        assertEquals(
                "DNI [NATIONAL_ID], SSN [NATIONAL_ID]",
                redactors.forTenant("acme-es").redact(text));
        assertEquals(
                "DNI 12345678Z, SSN [NATIONAL_ID]",
                redactors.forTenant("globex").redact(text),
                "the common pattern only");
        assertEquals("DNI 12345678Z, SSN [NATIONAL_ID]", redactors.forTenant(null).redact(text));
    }

    @Test
    void textOfNoKnownTenantGetsEveryPattern() {
        assertEquals(
                "DNI [NATIONAL_ID], SSN [NATIONAL_ID]",
                redactors.union().redact("DNI 12345678Z, SSN 078-05-1120"));
    }
}
