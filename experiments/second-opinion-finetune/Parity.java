import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.*;
import java.nio.LongBuffer;
import java.nio.file.*;
import java.util.*;

public class Parity {
    public static void main(String[] a) throws Exception {
        Path dir = Path.of(a[0]);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setIntraOpNumThreads(1);
        OrtSession s = env.createSession(dir.resolve("second-opinion-q.onnx").toString(), o);
        HuggingFaceTokenizer tok = HuggingFaceTokenizer.newInstance(Path.of(a[1]), Map.of("maxLength", "128", "truncation", "true", "padding", "false"));
        List<String> head = Files.readAllLines(dir.resolve("head.tsv"));
        double[][] w = new double[3][];
        for (int l = 0; l < 3; l++) w[l] = Arrays.stream(head.get(l).split("\t")).mapToDouble(Double::parseDouble).toArray();
        double worst = 0;
        long t0 = System.nanoTime(); int n = 0;
        for (String line : Files.readAllLines(dir.resolve("reference.tsv"))) {
            String[] f = line.split("\t");
            Encoding e = tok.encode(f[0]);
            long[] ids = e.getIds(); long[] shape = {1, ids.length};
            Map<String, OnnxTensor> in = new HashMap<>();
            in.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            in.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(e.getAttentionMask()), shape));
            in.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(e.getTypeIds()), shape));
            float[] cls;
            try (OrtSession.Result r = s.run(in)) { cls = ((float[][][]) r.get(0).getValue())[0][0]; }
            n++;
            double[] z = new double[3]; double max = -1e9;
            for (int l = 0; l < 3; l++) { z[l] = w[l][0]; for (int k = 0; k < 384; k++) z[l] += w[l][k + 1] * cls[k]; max = Math.max(max, z[l]); }
            double sum = 0; for (int l = 0; l < 3; l++) { z[l] = Math.exp(z[l] - max); sum += z[l]; }
            StringBuilder out = new StringBuilder(f[0]);
            for (int l = 0; l < 3; l++) { double p = z[l] / sum; double ref = Double.parseDouble(f[l + 1]); worst = Math.max(worst, Math.abs(p - ref)); out.append(String.format(" %.3f(%.3f)", p, ref)); }
            System.out.println(out);
        }
        System.out.printf("worst |int8 - fp32| %.4f; %.1f ms a sentence%n", worst, (System.nanoTime() - t0) / 1e6 / n);
    }
}
