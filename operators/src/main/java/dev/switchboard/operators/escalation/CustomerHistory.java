package dev.switchboard.operators.escalation;

import dev.switchboard.operators.records.PriorContact;
import java.util.ArrayList;
import java.util.List;

/**
 * A customer's last contacts on any channel, newest first, as kept by {@link DecideEscalation}.
 * Evolution rule as for every state type: add fields, never rename, retype or remove one.
 */
public class CustomerHistory {
    public List<PriorContact> contacts = new ArrayList<>();

    public CustomerHistory() {}

    /** The customer's latest contact, or null when there is no history. */
    static PriorContact latest(CustomerHistory h) {
        return h == null || h.contacts.isEmpty() ? null : h.contacts.get(0);
    }

    /** Puts {@code c} first and drops the oldest beyond {@code size}. */
    public void add(PriorContact c, int size) {
        contacts.add(0, c);
        while (contacts.size() > size) {
            contacts.remove(contacts.size() - 1);
        }
    }
}
