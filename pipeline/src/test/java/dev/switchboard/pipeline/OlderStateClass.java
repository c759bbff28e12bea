package dev.switchboard.pipeline;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds the job jars of an "earlier release": the current sources of some classes, edited as that
 * release had them (a state class without a field the current one has, a record without the wire
 * format it has now), compiled, and put in place of the current classes in copies of the jars that
 * hold them. Restoring a savepoint of that release with the current jars is then exactly the
 * upgrade docs/operations.md promises.
 */
final class OlderStateClass {
    private OlderStateClass() {}

    /**
     * One class of the earlier release.
     *
     * @param source the current source of the class
     * @param className its binary name, e.g. {@code
     *     dev.switchboard.operators.conversation.ConversationState}
     * @param older the earlier release's source, from the current one
     */
    record Edit(Path source, String className, UnaryOperator<String> older) {
        /** The class without {@code field} (its declaration and its line in {@code equals}). */
        static Edit withoutField(Path source, String className, String field) {
            return new Edit(
                    source,
                    className,
                    current ->
                            current.lines()
                                    .filter(
                                            l ->
                                                    !l.matches("\\s*public \\w+ " + field + ";\\s*")
                                                            && !l.contains(
                                                                    field + " == s." + field))
                                    .reduce("", (a, b) -> a + b + "\n"));
        }

        /**
         * The class without its {@code @TypeInfo} annotation: serialised by Flink's POJO
         * serializer, as before the wire formats.
         */
        static Edit withoutWireFormat(Path source, String className) {
            return new Edit(
                    source,
                    className,
                    current ->
                            current.lines()
                                    .filter(l -> !l.startsWith("@TypeInfo("))
                                    .reduce("", (a, b) -> a + b + "\n"));
        }
    }

    /** Copies of the job jars with the classes of {@code edits} as the earlier release had them. */
    static List<String> jarsWith(List<String> jars, List<Edit> edits, Path work)
            throws IOException {
        Path srcDir = work.resolve("older-src");
        Path classes = work.resolve("older-classes");
        Files.createDirectories(srcDir);
        Files.createDirectories(classes);
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "-d",
                                classes.toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                "--release",
                                "17"));
        Map<String, Path> compiled = new HashMap<>();
        for (Edit edit : edits) {
            String current = Files.readString(edit.source());
            String older = edit.older().apply(current);
            if (older.equals(current)) {
                throw new IllegalStateException("the edit changed nothing in " + edit.source());
            }
            String simpleName = edit.className().substring(edit.className().lastIndexOf('.') + 1);
            Path src = srcDir.resolve(simpleName + ".java");
            Files.writeString(src, older);
            args.add(src.toString());
            String entry = edit.className().replace('.', '/') + ".class";
            compiled.put(entry, classes.resolve(entry));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac.run(null, null, null, args.toArray(new String[0])) != 0) {
            throw new IllegalStateException("the earlier release's classes do not compile");
        }
        List<String> out = new ArrayList<>();
        Set<String> replaced = new HashSet<>();
        for (String jar : jars) {
            try (JarFile in = new JarFile(jar)) {
                if (compiled.keySet().stream().noneMatch(entry -> in.getJarEntry(entry) != null)) {
                    out.add(jar);
                    continue;
                }
                Path copy = work.resolve("older-" + new File(jar).getName());
                try (JarOutputStream w = new JarOutputStream(Files.newOutputStream(copy))) {
                    for (Enumeration<JarEntry> e = in.entries(); e.hasMoreElements(); ) {
                        JarEntry je = e.nextElement();
                        w.putNextEntry(new JarEntry(je.getName()));
                        Path older = compiled.get(je.getName());
                        if (older != null) {
                            Files.copy(older, w);
                            replaced.add(je.getName());
                        } else {
                            in.getInputStream(je).transferTo(w);
                        }
                        w.closeEntry();
                    }
                }
                out.add(copy.toString());
            }
        }
        if (!replaced.containsAll(compiled.keySet())) {
            throw new IllegalStateException(
                    "not all of " + compiled.keySet() + " are in the job jars " + jars);
        }
        return out;
    }
}
