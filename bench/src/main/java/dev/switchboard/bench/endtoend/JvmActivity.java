package dev.switchboard.bench.endtoend;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * What the bench's JVM did beside the work being measured: the JIT compiler's time and the garbage
 * collectors' collections, as the JVM's management beans count them. Both stop or slow every thread
 * of the one JVM the bench runs in (broker, load generator, consumers and job alike), so a measured
 * phase with seconds of compilation in it measures a job the JIT has not finished with, whatever
 * its backlog says (docs/performance.md: well into Switchboard's measured phase, C2 is still
 * compiling Flink's record loop for the job's tasks).
 *
 * @param compileMs the time the compilers spent compiling (wall time, summed over their threads: on
 *     busy cores more than their CPU time), or -1 where the JVM does not say
 * @param gcCount collections by every collector
 * @param gcMs their accumulated time (G1: the pauses of its young and mixed collections and any
 *     full one; its concurrent marking is not counted)
 */
record JvmActivity(long compileMs, long gcCount, long gcMs) {
    /** The counts so far. */
    static JvmActivity now() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long compileMs =
                jit != null && jit.isCompilationTimeMonitoringSupported()
                        ? jit.getTotalCompilationTime()
                        : -1;
        long count = 0;
        long ms = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            // -1: this collector does not say.
            count += Math.max(0, gc.getCollectionCount());
            ms += Math.max(0, gc.getCollectionTime());
        }
        return new JvmActivity(compileMs, count, ms);
    }

    /** What happened between {@code before} and this. */
    JvmActivity since(JvmActivity before) {
        return new JvmActivity(
                compileMs < 0 || before.compileMs < 0 ? -1 : compileMs - before.compileMs,
                gcCount - before.gcCount,
                gcMs - before.gcMs);
    }
}
