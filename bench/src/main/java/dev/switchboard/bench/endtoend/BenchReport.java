package dev.switchboard.bench.endtoend;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one run of the end-to-end benchmark measured: the passthrough's and Switchboard's figures
 * under the same settings, on the machine it names.
 */
public record BenchReport(
        BenchSettings settings,
        JobFigures passthrough,
        JobFigures switchboard,
        List<Scaling> scaling,
        String machine) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Both jobs' maximum sustained rates at one parallelism ({@code --scaling}). */
    public record Scaling(int parallelism, long passthroughMax, long switchboardMax) {
        public Double ratio() {
            return passthroughMax == 0 ? null : (double) switchboardMax / passthroughMax;
        }
    }

    public double p99Ratio() {
        return switchboard.p99Ms() / passthrough.p99Ms();
    }

    public Double throughputRatio() {
        return passthrough.maxMsgsPerSecond() == 0
                ? null
                : (double) switchboard.maxMsgsPerSecond() / passthrough.maxMsgsPerSecond();
    }

    /** This machine, as the report names it. */
    static String thisMachine() {
        return Runtime.getRuntime().availableProcessors()
                + " cores, "
                + (Runtime.getRuntime().maxMemory() >> 20)
                + " MB max heap, "
                + System.getProperty("java.vm.name")
                + " "
                + System.getProperty("java.version")
                + ", "
                + System.getProperty("os.name")
                + " "
                + System.getProperty("os.arch");
    }

    /** The report as a table, for people. */
    public void printTable(PrintWriter out) {
        BenchReport r = this;
        JobFigures p = r.passthrough();
        JobFigures s = r.switchboard();
        out.printf(
                Locale.ROOT,
                "%nEnd-to-end benchmark: %,d msg/s for %ds, %,d conversations, %s, parallelism %d, checkpoints every %ds, buffer timeout %dms (%s)%n",
                r.settings().rate(),
                r.settings().duration().toSeconds(),
                r.settings().conversations(),
                r.settings().delivery().flag(),
                r.settings().parallelism(),
                r.settings().checkpointInterval().toSeconds(),
                r.settings().bufferTimeout().toMillis(),
                r.machine());
        out.printf("%-36s %14s %14s %10s%n", "", "passthrough", "switchboard", "ratio");
        row(
                out,
                "messages sent / outputs read",
                p.sent() + " / " + p.received(),
                s.sent() + " / " + s.received(),
                "");
        row(
                out,
                "start to steady state (ms)",
                f0(p.startToSteadyMs()),
                f0(s.startToSteadyMs()),
                "");
        row(
                out,
                "catch-up after a restore (ms)",
                f0OrNa(p.restoreCatchUpMs()),
                f0OrNa(s.restoreCatchUpMs()),
                "");
        row(
                out,
                "outputs/s while catching up",
                f0OrNa(p.restoreOutputsPerSecond()),
                f0OrNa(s.restoreOutputsPerSecond()),
                "");
        row(out, "rate achieved (msg/s)", f0(p.achievedRate()), f0(s.achievedRate()), "");
        row(
                out,
                "task threads' CPU per message (us)",
                f2OrNa(p.taskCpuMicrosPerMessage()),
                f2OrNa(s.taskCpuMicrosPerMessage()),
                p.taskCpuMicrosPerMessage() == null || s.taskCpuMicrosPerMessage() == null
                        ? ""
                        : f2(s.taskCpuMicrosPerMessage() / p.taskCpuMicrosPerMessage()));
        row(out, "latency p50 (ms)", f2(p.p50Ms()), f2(s.p50Ms()), f2(s.p50Ms() / p.p50Ms()));
        row(out, "latency p90 (ms)", f2(p.p90Ms()), f2(s.p90Ms()), f2(s.p90Ms() / p.p90Ms()));
        row(out, "latency p99 (ms)", f2(p.p99Ms()), f2(s.p99Ms()), f2(r.p99Ratio()));
        row(out, "latency p99.9 (ms)", f2(p.p999Ms()), f2(s.p999Ms()), f2(s.p999Ms() / p.p999Ms()));
        row(out, "latency max (ms)", f2(p.maxMs()), f2(s.maxMs()), "");
        row(
                out,
                "escalation decisions, p99 (ms)",
                "",
                s.decisions() + ", " + f2OrNa(s.decisionP99Ms()),
                "");
        row(
                out,
                "max sustained (msg/s)" + (r.settings().findMax() ? "" : " [not searched]"),
                f0(p.maxMsgsPerSecond()),
                f0(s.maxMsgsPerSecond()),
                f2OrNa(r.throughputRatio()));
        row(out, "checkpointed state (bytes)", f0OrNa(p.stateBytes()), f0OrNa(s.stateBytes()), "");
        row(
                out,
                "state per open conversation (bytes)",
                "",
                f0OrNa(s.stateBytesPerConversation()),
                "");
        row(
                out,
                "checkpoint duration (ms)",
                f0OrNa(p.checkpointMs()),
                f0OrNa(s.checkpointMs()),
                "");
        row(
                out,
                "longest checkpoint pause (ms)",
                f0OrNa(p.checkpointPauseMs()),
                f0OrNa(s.checkpointPauseMs()),
                "");
        row(
                out,
                "JIT compiling while measured (ms)",
                f0OrNa(p.jitCompileMs()),
                f0OrNa(s.jitCompileMs()),
                "");
        row(
                out,
                "GC while measured (collections, ms)",
                p.gcCount() + ", " + f0OrNa(p.gcMs()),
                s.gcCount() + ", " + f0OrNa(s.gcMs()),
                "");
        if (s.checkpointPauseTask() != null) {
            out.printf("  Switchboard's was in: %s%n", s.checkpointPauseTask());
        }
        Map<String, Double> pt = p.cpuMicrosPerMessageByThreads();
        Map<String, Double> sb = s.cpuMicrosPerMessageByThreads();
        if (pt != null && sb != null) {
            out.printf("CPU per message while measured, by threads of the bench's JVM (us):%n");
            for (String threads : sb.keySet()) {
                row(
                        out,
                        "  " + ThreadsCpu.labelOf(threads),
                        f2OrNa(pt.get(threads)),
                        f2OrNa(sb.get(threads)),
                        "");
            }
        }
        MeaningTierFigures m = s.meaningTier();
        if (m != null) {
            out.printf(
                    Locale.ROOT,
                    "Meaning tier (whole run): %,d customer messages considered, %,d asked (%,d as decisive turns), %,d re-scored (%s), %,d labels changed; %,d read in all, p99 %s ms; fallbacks %s%n",
                    m.considered(),
                    m.asked(),
                    m.askedDecisive(),
                    m.rescored(),
                    m.rescoredShare() == null
                            ? "n/a"
                            : String.format(Locale.ROOT, "%.1f%%", 100 * m.rescoredShare()),
                    m.changed(),
                    m.read(),
                    m.read() == 0 ? "n/a" : f2OrNa(m.readP99Ms()),
                    m.fallbacks());
        }
        for (Scaling x : r.scaling()) {
            row(
                    out,
                    "max sustained at parallelism " + x.parallelism(),
                    f0(x.passthroughMax()),
                    f0(x.switchboardMax()),
                    f2OrNa(x.ratio()));
        }
        out.flush();
    }

    private static void row(PrintWriter out, String name, String a, String b, String c) {
        out.printf("%-36s %14s %14s %10s%n", name, a, b, c);
    }

    private static String f0(double x) {
        return String.format(Locale.ROOT, "%,.0f", x);
    }

    private static String f2(double x) {
        return String.format(Locale.ROOT, "%.2f", x);
    }

    /** A figure the run may not have (no restore, no checkpoint yet): "n/a" then. */
    private static String f0OrNa(Number x) {
        return x == null ? "n/a" : f0(x.doubleValue());
    }

    private static String f2OrNa(Number x) {
        return x == null ? "n/a" : f2(x.doubleValue());
    }

    /** The report as JSON, for scripts and for comparing runs. */
    public String json() throws Exception {
        BenchReport r = this;
        ObjectNode root = JSON.createObjectNode();
        ObjectNode run = root.putObject("settings");
        run.put("rate", r.settings().rate());
        run.put("durationSeconds", r.settings().duration().toSeconds());
        run.put("conversations", r.settings().conversations());
        run.put("delivery", r.settings().delivery().flag());
        run.put("parallelism", r.settings().parallelism());
        run.put("machine", r.machine());
        root.set("passthrough", figures(r.passthrough()));
        root.set("switchboard", figures(r.switchboard()));
        root.put("p99Ratio", r.p99Ratio());
        root.set("scaling", JSON.valueToTree(r.scaling()));
        if (r.throughputRatio() == null) {
            root.putNull("throughputRatio");
        } else {
            root.put("throughputRatio", r.throughputRatio());
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private static ObjectNode figures(JobFigures f) {
        ObjectNode j = JSON.valueToTree(f);
        j.remove("job");
        return j;
    }
}
