package dev.switchboard.operators.conversation;

import dev.switchboard.operators.records.ConversationEvent;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Puts the erase requests into the conversation-keyed stream: every event passes on, and every
 * parallel instance passes on each request (broadcast to all of them) once, in its place among the
 * events. The conversation state ({@link TrackConversationOperator}) then hears the requests on the
 * one input it shares with scoring, so that Flink chains it to scoring instead of writing and
 * reading every event once more between two tasks (an operator with a second input is never
 * chained).
 *
 * <p>A request names a customer, not a conversation, yet the operators after this one are keyed by
 * conversation, and Flink checks that the key of every record they process belongs to their
 * instance. So each instance gives the requests it passes on a {@code conversationId} of its own
 * key groups ({@link #conversationIdOf}); nothing keeps state under it.
 */
public class JoinEraseRequests
        extends KeyedBroadcastProcessFunction<
                String, ConversationEvent, ConversationEvent, ConversationEvent> {
    /**
     * The descriptor the control stream is broadcast with. Erase requests are passed on at once and
     * never stored, so this broadcast state stays empty; Flink needs a descriptor to broadcast. The
     * name ({@code control}) is what Track conversation's broadcast state was called.
     */
    public static final MapStateDescriptor<String, ConversationEvent> CONTROL =
            new MapStateDescriptor<>("control", String.class, ConversationEvent.class);

    /** Candidates tried before giving up; an instance owns at least one of 128 key groups. */
    private static final int MAX_TRIES = 1_000_000;

    @Override
    public void processElement(
            ConversationEvent event, ReadOnlyContext ctx, Collector<ConversationEvent> out) {
        out.collect(event);
    }

    @Override
    public void processBroadcastElement(
            ConversationEvent erase, Context ctx, Collector<ConversationEvent> out) {
        // This instance's copy of the broadcast record: changing it changes no other's.
        TaskInfo task = getRuntimeContext().getTaskInfo();
        erase.conversationId =
                conversationIdOf(
                        erase.tenant,
                        task.getMaxNumberOfParallelSubtasks(),
                        task.getNumberOfParallelSubtasks(),
                        task.getIndexOfThisSubtask());
        out.collect(erase);
    }

    /**
     * A conversation id whose key ({@code tenant/id}) falls in the key groups of instance {@code
     * index}: the first of {@code erase-0}, {@code erase-1}, ... that does. About {@code
     * parallelism} tries, on the rare erase request only.
     */
    static String conversationIdOf(String tenant, int maxParallelism, int parallelism, int index) {
        for (int n = 0; n < MAX_TRIES; n++) {
            String id = "erase-" + n;
            if (KeyGroupRangeAssignment.assignKeyToParallelOperator(
                            tenant + "/" + id, maxParallelism, parallelism)
                    == index) {
                return id;
            }
        }
        throw new IllegalStateException(
                "no key of instance " + index + " of " + parallelism + " found");
    }
}
