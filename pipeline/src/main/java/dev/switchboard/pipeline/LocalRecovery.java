package dev.switchboard.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;

/**
 * Where a local run ({@code switchboard run} on its own MiniCluster) resumes after a crash: the
 * newest complete checkpoint its previous job retained. A cluster has Flink HA for this; a local
 * run has only its checkpoint directory, in which every job writes {@code <job id>/chk-<n>}.
 *
 * <p>Each local run records its job id in {@code <checkpoint dir>/local-runs/<group id>.job} when
 * it starts, so the next run of the same deployment (same consumer group) finds its own checkpoints
 * and never another job's that shares the directory. Only {@code file:} checkpoint directories are
 * searched; for others, pass {@code --restore-from}.
 */
public final class LocalRecovery {
    private static final String RUNS = "local-runs";

    private LocalRecovery() {}

    /** The newest complete checkpoint of the last local run of {@code groupId}, if any. */
    public static Optional<Path> latestCheckpoint(String checkpointDir, String groupId) {
        Optional<Path> dir = localDirectory(checkpointDir);
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        Path marker = marker(dir.get(), groupId);
        if (!Files.isRegularFile(marker)) {
            return Optional.empty();
        }
        try {
            String jobId = Files.readString(marker, StandardCharsets.UTF_8).trim();
            Path jobDir = dir.get().resolve(jobId);
            if (!Files.isDirectory(jobDir)) {
                return Optional.empty();
            }
            try (Stream<Path> checkpoints = Files.list(jobDir)) {
                // A checkpoint is complete once its _metadata is written; a crash mid-checkpoint
                // leaves
                // a chk directory without one.
                return checkpoints
                        .filter(p -> p.getFileName().toString().matches("chk-\\d+"))
                        .filter(p -> Files.isRegularFile(p.resolve("_metadata")))
                        .max(
                                Comparator.comparingLong(
                                        p ->
                                                Long.parseLong(
                                                        p.getFileName().toString().substring(4))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the local runs' checkpoints in " + dir.get(), e);
        }
    }

    /** Records {@code job} as the last local run of {@code groupId}; replaced atomically. */
    public static void remember(String checkpointDir, String groupId, JobID job) {
        Optional<Path> dir = localDirectory(checkpointDir);
        if (dir.isEmpty()) {
            return;
        }
        Path marker = marker(dir.get(), groupId);
        try {
            Files.createDirectories(marker.getParent());
            Path tmp = marker.resolveSibling(marker.getFileName() + ".tmp");
            Files.writeString(tmp, job.toHexString() + "\n", StandardCharsets.UTF_8);
            Files.move(
                    tmp,
                    marker,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the local run in " + marker, e);
        }
    }

    static Path marker(Path checkpointDir, String groupId) {
        return checkpointDir
                .resolve(RUNS)
                .resolve(groupId.replaceAll("[^A-Za-z0-9._-]", "_") + ".job");
    }

    private static Optional<Path> localDirectory(String checkpointDir) {
        URI uri = URI.create(checkpointDir);
        if (uri.getScheme() == null) {
            return Optional.of(Path.of(checkpointDir));
        }
        return uri.getScheme().equals("file") ? Optional.of(Path.of(uri)) : Optional.empty();
    }
}
