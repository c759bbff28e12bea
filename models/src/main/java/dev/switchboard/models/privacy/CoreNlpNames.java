package dev.switchboard.models.privacy;

import edu.stanford.nlp.pipeline.CoreDocument;
import edu.stanford.nlp.pipeline.CoreEntityMention;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import java.util.Properties;

/**
 * Person names found by CoreNLP's named-entity recogniser (the 3-class CRF), replaced by {@code
 * [NAME]}: finds the names the {@link Redactor}'s rules cannot ("John said he would call"). It
 * costs about 1.8 ms and 1.6 MB of garbage per message (JMH {@code NerBenchmark}), so it is a
 * per-tenant option applied to decision evidence only, never to every message, and it needs
 * CoreNLP's English models jar (about 474 MB) on the classpath.
 *
 * <p>One pipeline per JVM, loaded on first use; CoreNLP's annotators are thread-safe.
 */
public final class CoreNlpNames {
    static final String NER_MODEL =
            "edu/stanford/nlp/models/ner/english.all.3class.distsim.crf.ser.gz";
    private static volatile StanfordCoreNLP pipeline;

    private CoreNlpNames() {}

    /** Whether CoreNLP's models jar is on the classpath. */
    public static boolean available() {
        return CoreNlpNames.class.getClassLoader().getResource(NER_MODEL) != null;
    }

    /**
     * @throws IllegalStateException when the models jar is missing, saying what to add
     */
    public static void requireAvailable() {
        if (!available()) {
            throw new IllegalStateException(
                    "name redaction with CoreNLP's NER needs CoreNLP's English models jar on the classpath "
                            + "(edu.stanford.nlp:stanford-corenlp:4.5.10:models, about 474 MB): see docs/operations.md");
        }
    }

    /** {@code text} with each person name replaced by {@code [NAME]}. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        CoreDocument doc = new CoreDocument(text);
        pipeline().annotate(doc);
        StringBuilder out = null;
        int last = 0;
        for (CoreEntityMention m : doc.entityMentions()) {
            // Entity mentions include pronouns ("he", "she") for coreference; they name nobody.
            if (!"PERSON".equals(m.entityType())
                    || m.tokens().stream()
                            .allMatch(t -> t.tag() != null && t.tag().startsWith("PRP"))) {
                continue;
            }
            int start = m.charOffsets().first;
            int end = m.charOffsets().second;
            if (start < last) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, last, start).append(PiiKind.NAME.placeholder());
            last = end;
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }

    private static StanfordCoreNLP pipeline() {
        StanfordCoreNLP p = pipeline;
        if (p == null) {
            synchronized (CoreNlpNames.class) {
                p = pipeline;
                if (p == null) {
                    requireAvailable();
                    Properties props = new Properties();
                    props.setProperty("annotators", "tokenize,ssplit,pos,lemma,ner");
                    props.setProperty("ner.model", NER_MODEL);
                    props.setProperty("ner.useSUTime", "false");
                    props.setProperty("ner.applyNumericClassifiers", "false");
                    props.setProperty("ner.applyFineGrained", "false");
                    props.setProperty("ner.buildEntityMentions", "true");
                    p = new StanfordCoreNLP(props);
                    pipeline = p;
                }
            }
        }
        return p;
    }
}
