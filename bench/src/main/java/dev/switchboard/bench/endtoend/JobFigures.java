package dev.switchboard.bench.endtoend;

import java.util.Map;

/**
 * One job's figures; latencies in milliseconds, null where not measured. {@code startToSteadyMs}
 * runs from the job's submission to the start of the stretch in which its backlog stayed under the
 * bound (see {@link SteadyState}): the lag users feel after a deploy or a restart. The restore
 * figures are {@link RestoreCatchUp}'s, null when not measured. {@code taskCpuMicrosPerMessage} is
 * the CPU time of the job's task threads and source fetchers over the measured phase and its drain,
 * per message sent: the job's own work per message, which the shared cores' noise hardly moves,
 * unlike its maximum rate; {@code cpuMicrosPerMessageByThreads} is every thread of the bench's JVM
 * over the same time, by what the threads do ({@link ThreadsCpu}). {@code checkpointPauseMs} and
 * {@code checkpointPauseTask} are the longest time a task stopped for a checkpoint during the
 * measured phase ({@link CheckpointPause}). {@code jitCompileMs}, {@code gcCount} and {@code gcMs}
 * are what the JVM's compiler and collectors did over the measured phase and its drain ({@link
 * JvmActivity}): the bench's one JVM, not the job alone. {@code meaningTier} is what the meaning
 * tier did, null when the job ran without it.
 */
public record JobFigures(
        String job,
        long sent,
        long received,
        double achievedRate,
        double p50Ms,
        double p90Ms,
        double p99Ms,
        double p999Ms,
        double maxMs,
        Double decisionP99Ms,
        long decisions,
        long maxMsgsPerSecond,
        Long stateBytes,
        Double stateBytesPerConversation,
        Long checkpointMs,
        long startToSteadyMs,
        Long restoreCatchUpMs,
        Double restoreOutputsPerSecond,
        Double taskCpuMicrosPerMessage,
        Map<String, Double> cpuMicrosPerMessageByThreads,
        Long checkpointPauseMs,
        String checkpointPauseTask,
        Long jitCompileMs,
        Long gcCount,
        Long gcMs,
        MeaningTierFigures meaningTier) {}
