package dev.switchboard.pipeline.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The demo's contact center: conversations of several tenants, made up one at a time, as the
 * contract records a platform would send. Deterministic for a seed; time is passed in, so tests
 * drive it without waiting.
 *
 * <ul>
 *   <li>Tenants: acme, northbank and initech in English; globex in English (60%), Spanish (25%) and
 *       French (15%), untagged, so the job detects the language.
 *   <li>Customers: 70% calm, 20% annoyed, 10% angry (who ask for a manager, to cancel, or name a
 *       lawyer); 70% chat and 30% voice, whose lines come as a partial segment and then the final
 *       one; about one in six is a customer of the last few minutes coming back, on another
 *       channel.
 *   <li>Agents with ids, a few per tenant; the customer and the agent take turns, 4 to 20 seconds
 *       apart, so a conversation lasts one to three minutes.
 *   <li>From {@link #SURGE_START_MS} for {@link #SURGE_LENGTH_MS}, two in five new conversations
 *       are acme refund complaints, which more than doubles acme's traffic (a complaint surge);
 *       from {@link #STRAIN_START_MS} for {@link #STRAIN_LENGTH_MS} every annoyed or angry acme
 *       customer is handed to the same agent, {@value #STRAINED_AGENT} (an agent under strain).
 * </ul>
 *
 * The lines are {@code demo/lines.json}, written for the demo.
 */
final class ContactCenter {
    static final long SURGE_START_MS = 3 * 60_000L;
    static final long SURGE_LENGTH_MS = 6 * 60_000L;
    static final long STRAIN_START_MS = 2 * 60_000L;
    static final long STRAIN_LENGTH_MS = 5 * 60_000L;
    static final String STRAINED_AGENT = "acme-agent-3";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A record to send at {@code atMs} (its {@code ts} is set to the moment it is sent). */
    record Scheduled(long atMs, ObjectNode record) {}

    enum Mood {
        CALM,
        ANNOYED,
        ANGRY,
        /** A refund complaint of the surge. */
        REFUND
    }

    private record Tenant(String name, String[] languages, double[] shares, int agents) {}

    private static final Tenant[] TENANTS = {
        // Agents enough that, at the demo's pace, only the agent the difficult customers are
        // handed to comes under strain within the first half hour.
        new Tenant("acme", new String[] {"en"}, new double[] {1}, 12),
        new Tenant("globex", new String[] {"en", "es", "fr"}, new double[] {0.6, 0.25, 0.15}, 10),
        new Tenant("northbank", new String[] {"en"}, new double[] {1}, 8),
        new Tenant("initech", new String[] {"en"}, new double[] {1}, 6)
    };

    private final Random random;
    private final long startMs;
    private final JsonNode lines;
    private final List<String[]> recentCustomers = new ArrayList<>();
    private final java.util.EnumMap<Mood, Integer> moods = new java.util.EnumMap<>(Mood.class);
    private int conversations;
    private final boolean scenarios;
    private final int agentsPerTenant;

    ContactCenter(long seed, long startMs) {
        this(seed, startMs, true, 0);
    }

    /**
     * @param scenarios with the refund surge and the strained agent; without them, steady traffic
     * @param agentsPerTenant agents of every tenant, or 0 for the demo's few (which, at the demo's
     *     pace, each take far more contacts an hour than a real agent does)
     */
    ContactCenter(long seed, long startMs, boolean scenarios, int agentsPerTenant) {
        this.random = new Random(seed);
        this.startMs = startMs;
        this.scenarios = scenarios;
        this.agentsPerTenant = agentsPerTenant;
        try (InputStream in = ContactCenter.class.getResourceAsStream("/demo/lines.json")) {
            this.lines = JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo/lines.json", e);
        }
    }

    /** How many conversations have been made up so far. */
    int conversations() {
        return conversations;
    }

    /** How many of them had each mood. */
    int conversations(Mood mood) {
        return moods.getOrDefault(mood, 0);
    }

    /**
     * A new conversation starting at {@code nowMs}: of a tenant chosen at random, or during the
     * surge, now and then, an acme refund complaint.
     */
    List<Scheduled> next(long nowMs) {
        long sinceStart = nowMs - startMs;
        boolean surging =
                scenarios
                        && sinceStart >= SURGE_START_MS
                        && sinceStart < SURGE_START_MS + SURGE_LENGTH_MS;
        // acme has a quarter of the other conversations: 15% of all during the surge, besides
        // the refund complaints' 40%.
        if (surging && random.nextDouble() < 0.4) {
            return conversation(TENANTS[0], "en", Mood.REFUND, nowMs);
        }
        Tenant tenant = TENANTS[random.nextInt(TENANTS.length)];
        String language = pick(tenant.languages, tenant.shares);
        double m = random.nextDouble();
        Mood mood = m < 0.7 ? Mood.CALM : m < 0.9 ? Mood.ANNOYED : Mood.ANGRY;
        return conversation(tenant, language, mood, nowMs);
    }

    private List<Scheduled> conversation(Tenant tenant, String language, Mood mood, long nowMs) {
        conversations++;
        moods.merge(mood, 1, Integer::sum);
        String id = tenant.name.charAt(0) + "-live-" + conversations;
        String channel = random.nextDouble() < 0.3 ? "voice" : "chat";
        String customer = "cust-live-" + conversations;
        if (!recentCustomers.isEmpty() && random.nextDouble() < 0.17) {
            // A customer of the last few minutes comes back, on the other channel.
            String[] earlier = recentCustomers.get(random.nextInt(recentCustomers.size()));
            if (earlier[0].equals(tenant.name)) {
                customer = earlier[1];
                channel = earlier[2].equals("chat") ? "voice" : "chat";
            }
        }
        remember(tenant.name, customer, channel);
        long sinceStart = nowMs - startMs;
        boolean straining =
                scenarios
                        && tenant.name.equals("acme")
                        && mood != Mood.CALM
                        && sinceStart >= STRAIN_START_MS
                        && sinceStart < STRAIN_START_MS + STRAIN_LENGTH_MS;
        String agent =
                straining
                        ? STRAINED_AGENT
                        : tenant.name
                                + "-agent-"
                                + (1
                                        + random.nextInt(
                                                agentsPerTenant > 0
                                                        ? agentsPerTenant
                                                        : tenant.agents));

        Script script = new Script(tenant.name, id, customer, channel, agent, nowMs);
        ObjectNode started = base("conversation.started", tenant.name, id, customer, channel);
        started.put("queue", "general");
        started.put("customerTier", random.nextDouble() < 0.2 ? "premium" : "standard");
        script.out.add(new Scheduled(nowMs, started));

        JsonNode bank = lines.path(language);
        JsonNode customerLines = bank.path(mood == Mood.REFUND ? "angry" : lower(mood));
        JsonNode topicLines = mood == Mood.REFUND ? lines.path("en").path("refund") : customerLines;
        JsonNode agentLines = bank.path("agent");
        // Customers take 6 to 20 s to write, agents 4 to 15 s to answer: a conversation lasts one
        // to three minutes, so a supervisor opening the board finds some under way.
        script.customer(any(topicLines.path("open")), 500);
        script.agent(any(agentLines.path("greet")), seconds(4, 15));
        int turns = 1 + random.nextInt(3);
        for (int k = 0; k < turns; k++) {
            script.customer(any(topicLines.path("middle")), seconds(6, 20));
            script.agent(any(agentLines.path("help")), seconds(4, 15));
        }
        script.customer(any(customerLines.path("close")), seconds(6, 20));
        script.agent(any(agentLines.path("close")), seconds(4, 10));
        script.t += seconds(1, 3);
        script.out.add(
                new Scheduled(
                        script.t, base("conversation.ended", tenant.name, id, customer, channel)));
        return script.out;
    }

    /** One conversation's records as its lines are said, in turn, gaps apart. */
    private static final class Script {
        final List<Scheduled> out = new ArrayList<>();
        final String tenant;
        final String id;
        final String customer;
        final String channel;
        final String agent;
        long t;
        int messages;

        Script(String tenant, String id, String customer, String channel, String agent, long t) {
            this.tenant = tenant;
            this.id = id;
            this.customer = customer;
            this.channel = channel;
            this.agent = agent;
            this.t = t;
        }

        void customer(String text, long gapMs) {
            say("customer", null, text, gapMs);
        }

        void agent(String text, long gapMs) {
            say("agent", agent, text, gapMs);
        }

        private void say(String role, String agentId, String text, long gapMs) {
            t += gapMs;
            String messageId = "m" + (++messages);
            if (channel.equals("voice")) {
                // The recogniser sends the first words early, then the final segment.
                String[] words = text.split(" ");
                String partial =
                        String.join(
                                " ", java.util.Arrays.copyOf(words, Math.max(1, words.length / 2)));
                ObjectNode p =
                        line(tenant, id, customer, channel, role, agentId, messageId, partial);
                p.put("final", false);
                out.add(new Scheduled(t - 800, p));
                ObjectNode f = line(tenant, id, customer, channel, role, agentId, messageId, text);
                f.put("final", true);
                f.put("confidence", 0.9);
                out.add(new Scheduled(t, f));
            } else {
                out.add(
                        new Scheduled(
                                t,
                                line(
                                        tenant, id, customer, channel, role, agentId, messageId,
                                        text)));
            }
        }
    }

    private static ObjectNode line(
            String tenant,
            String id,
            String customer,
            String channel,
            String role,
            String agent,
            String messageId,
            String text) {
        ObjectNode m = base("message", tenant, id, customer, channel);
        m.put("messageId", messageId);
        m.put("role", role);
        if (agent != null) {
            m.put("agentId", agent);
        }
        m.put("text", text);
        return m;
    }

    private static ObjectNode base(
            String type, String tenant, String id, String customer, String channel) {
        ObjectNode o = JSON.createObjectNode();
        o.put("v", 1);
        o.put("type", type);
        o.put("tenant", tenant);
        o.put("conversationId", id);
        o.put("customerId", customer);
        o.put("channel", channel);
        o.put("ts", 0);
        return o;
    }

    private void remember(String tenant, String customer, String channel) {
        recentCustomers.add(new String[] {tenant, customer, channel});
        if (recentCustomers.size() > 30) {
            recentCustomers.remove(0);
        }
    }

    private long seconds(int min, int max) {
        return 1000L * (min + random.nextInt(max - min + 1));
    }

    private String any(JsonNode options) {
        if (!options.isArray() || options.isEmpty()) {
            throw new IllegalStateException("demo/lines.json lacks lines: " + options);
        }
        return options.get(random.nextInt(options.size())).asText();
    }

    private String pick(String[] values, double[] shares) {
        double r = random.nextDouble();
        for (int i = 0; i < values.length; i++) {
            r -= shares[i];
            if (r < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    private static String lower(Mood mood) {
        return mood.name().toLowerCase(java.util.Locale.ROOT);
    }
}
