package dev.switchboard.bench.endtoend;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.regex.Pattern;

/**
 * The CPU time of the running job's task threads: the threads Flink names after an operator chain
 * and its subtask ({@code "Score sentiment -> ... (1/2)#0"}), where the job's operators, its Kafka
 * source readers and its sinks' serialisation run. The broker, the load generator, the consumers,
 * the Kafka clients' network threads and the JIT compiler are left out: at a fixed rate their CPU
 * grows with whatever the cores have spare (smaller Kafka batches, more requests), which makes the
 * whole process's CPU per message say more about the machine than about the job.
 */
final class TaskThreadsCpu {
    private static final Pattern TASK_THREAD = Pattern.compile(".* \\(\\d+/\\d+\\)#\\d+$");

    private TaskThreadsCpu() {}

    /** CPU nanoseconds the live task threads have used so far, or -1 where the JVM cannot tell. */
    static long nanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported()) {
            return -1;
        }
        long total = 0;
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && TASK_THREAD.matcher(t.getThreadName()).matches()) {
                long cpu = threads.getThreadCpuTime(t.getThreadId());
                if (cpu > 0) {
                    total += cpu;
                }
            }
        }
        return total;
    }
}
