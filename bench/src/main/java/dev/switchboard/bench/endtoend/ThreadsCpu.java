package dev.switchboard.bench.endtoend;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The CPU of the bench's one JVM, by what its threads do: the job's task threads (where its
 * operators, source readers and sinks' serialisation run), its Kafka source fetchers, the Kafka
 * producers' network threads (the job's sinks' and the load generator's), the broker's request
 * threads, the bench's own (generator and latency consumers), and the JVM's own threads (JIT
 * compilers, garbage collectors), which Java cannot see one by one: the process's CPU less every
 * Java thread's. At 5,000 msg/s on two cores the broker, Kafka's clients and the JIT use about two
 * thirds of the machine (docs/performance.md), which is what the job's figures compete with.
 *
 * <p>Only live threads are counted one by one: a Java thread that ends between two readings leaves
 * its CPU in {@link Role#JVM}'s share.
 */
final class ThreadsCpu {
    /** Flink names a task thread after its chain and subtask: {@code "Score sentiment (1/2)#0"}. */
    private static final Pattern TASK_THREAD = Pattern.compile(".* \\(\\d+/\\d+\\)#\\d+$");

    static final String ALL = "all";

    enum Role {
        JOB_TASKS("jobTasks", "job's task threads"),
        JOB_SOURCE_FETCHERS("jobSourceFetchers", "job's Kafka source fetchers"),
        KAFKA_PRODUCERS("kafkaProducers", "Kafka producers' network threads"),
        BROKER("broker", "broker's request threads"),
        BENCH("bench", "bench's generator and consumers"),
        JVM("jvm", "JVM's own (JIT, GC)"),
        OTHER("other", "other threads");

        /** The role's name in {@code --json}. */
        final String key;

        final String label;

        Role(String key, String label) {
            this.key = key;
            this.label = label;
        }
    }

    /** The label of a key of {@link #microsPerMessage}, for the report. */
    static String labelOf(String key) {
        for (Role role : Role.values()) {
            if (role.key.equals(key)) {
                return role.label;
            }
        }
        return key.equals(ALL) ? "all threads" : key;
    }

    private ThreadsCpu() {}

    static Role roleOf(String threadName) {
        if (threadName.startsWith("Source Data Fetcher")) {
            return Role.JOB_SOURCE_FETCHERS;
        }
        if (TASK_THREAD.matcher(threadName).matches()) {
            return Role.JOB_TASKS;
        }
        if (threadName.startsWith("kafka-producer-network-thread")) {
            return Role.KAFKA_PRODUCERS;
        }
        if (threadName.startsWith("data-plane-kafka")) {
            return Role.BROKER;
        }
        if (threadName.startsWith("bench-consumer-") || threadName.equals("main")) {
            return Role.BENCH;
        }
        return Role.OTHER;
    }

    /**
     * CPU nanoseconds used so far, by role; empty where the JVM cannot tell a thread's or the
     * process's CPU time.
     */
    static Map<Role, Long> nanos() {
        Map<Role, Long> byRole = new EnumMap<>(Role.class);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported()
                || !(ManagementFactory.getOperatingSystemMXBean()
                        instanceof com.sun.management.OperatingSystemMXBean os)) {
            return byRole;
        }
        long process = os.getProcessCpuTime();
        if (process < 0) {
            return byRole;
        }
        for (Role role : Role.values()) {
            byRole.put(role, 0L);
        }
        long javaThreads = 0;
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(t.getThreadId());
            if (cpu > 0) {
                byRole.merge(roleOf(t.getThreadName()), cpu, Long::sum);
                javaThreads += cpu;
            }
        }
        byRole.put(Role.JVM, Math.max(0, process - javaThreads));
        return byRole;
    }

    /**
     * The job's own CPU per message in microseconds: its task threads and source fetchers, the
     * threads Flink names after a subtask. The rest grows at a fixed rate with whatever the cores
     * have spare (Kafka's clients and broker answer in smaller batches), so the job's figure leaves
     * it out; null when not measured.
     */
    static Double jobMicrosPerMessage(Map<Role, Long> used, long messages) {
        if (used.isEmpty() || messages == 0) {
            return null;
        }
        return (used.get(Role.JOB_TASKS) + used.get(Role.JOB_SOURCE_FETCHERS)) / 1000.0 / messages;
    }

    /**
     * Every role's CPU per message in microseconds, by its key, and the whole JVM's under {@code
     * "all"}; null when not measured.
     */
    static Map<String, Double> microsPerMessage(Map<Role, Long> used, long messages) {
        if (used.isEmpty() || messages == 0) {
            return null;
        }
        Map<String, Double> perMessage = new LinkedHashMap<>();
        long all = 0;
        for (Role role : Role.values()) {
            perMessage.put(role.key, used.get(role) / 1000.0 / messages);
            all += used.get(role);
        }
        perMessage.put(ALL, all / 1000.0 / messages);
        return perMessage;
    }

    /** What each role used between two readings of {@link #nanos()}; empty if either is. */
    static Map<Role, Long> since(Map<Role, Long> before, Map<Role, Long> after) {
        Map<Role, Long> used = new EnumMap<>(Role.class);
        if (before.isEmpty() || after.isEmpty()) {
            return used;
        }
        for (Role role : Role.values()) {
            used.put(role, after.get(role) - before.get(role));
        }
        return used;
    }
}
