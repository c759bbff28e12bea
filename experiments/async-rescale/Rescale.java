import java.util.*;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.functions.async.*;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperatorFactory;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.*;

/** Where Flink's async step hands its in-flight events after a rescale, against who owns their keys. */
public class Rescale {
    static class Hold implements AsyncFunction<String, String> {
        public void asyncInvoke(String in, ResultFuture<String> out) {}
    }
    static class Echo implements AsyncFunction<String, String> {
        public void asyncInvoke(String in, ResultFuture<String> out) { out.complete(List.of(in)); }
    }
    static OneInputStreamOperatorTestHarness<String, String> harness(AsyncFunction<String, String> f, int maxP, int p, int idx, OperatorID id) throws Exception {
        OneInputStreamOperatorTestHarness<String, String> h = new OneInputStreamOperatorTestHarness<>(
                new AsyncWaitOperatorFactory<>(f, 0, 100, AsyncDataStream.OutputMode.ORDERED), maxP, p, idx, id);
        h.getStreamConfig().setupNetworkInputs(StringSerializer.INSTANCE);
        h.getStreamConfig().serializeAllConfigs();
        return h;
    }
    public static void main(String[] a) throws Exception {
        int maxP = 128, oldP = 2, newP = 3;
        OperatorID id = new OperatorID();
        List<OperatorSubtaskState> snapshots = new ArrayList<>();
        for (int s = 0; s < oldP; s++) {
            var h = harness(new Hold(), maxP, oldP, s, id);
            h.open();
            int n = 0;
            for (int k = 0; n < 6; k++) {
                String key = "acme/c" + k;
                if (KeyGroupRangeAssignment.assignKeyToParallelOperator(key, maxP, oldP) == s) { h.processElement(new StreamRecord<>(key, k)); n++; }
            }
            snapshots.add(h.snapshot(1, 1));
        }
        OperatorSubtaskState merged = AbstractStreamOperatorTestHarness.repackageState(snapshots.toArray(new OperatorSubtaskState[0]));
        int misrouted = 0, total = 0;
        for (int s = 0; s < newP; s++) {
            OperatorSubtaskState part = AbstractStreamOperatorTestHarness.repartitionOperatorState(merged, maxP, oldP, newP, s);
            var h = harness(new Echo(), maxP, newP, s, id);
            h.initializeState(part);
            h.open();
            h.endInput();
            for (String key : h.extractOutputValues()) {
                int owner = KeyGroupRangeAssignment.assignKeyToParallelOperator(key, maxP, newP);
                total++;
                if (owner != s) misrouted++;
                System.out.printf("new instance %d got %s, owned by instance %d%s%n", s, key, owner, owner != s ? "  <- not its key" : "");
            }
        }
        System.out.printf("%d of %d in-flight events reached an instance that does not own their key%n", misrouted, total);
    }
}
