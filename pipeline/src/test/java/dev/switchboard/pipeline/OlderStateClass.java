package dev.switchboard.pipeline;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds the job jars of an "earlier release" whose state class lacks a field the current one has:
 * the current source of the class with the field's declaration (and its line in {@code equals})
 * removed, compiled, and put in place of the current class in a copy of the jar that holds it.
 * Restoring a savepoint of that release with the current jars is then exactly the upgrade
 * docs/operations.md promises: a field added to a state record.
 */
final class OlderStateClass {
    private OlderStateClass() {}

    /**
     * @param jars the current job jars
     * @param source the current source of the state class
     * @param className its binary name, e.g. {@code
     *     dev.switchboard.operators.conversation.ConversationState}
     * @param field the field the earlier release did not have
     */
    static List<String> jarsWithout(
            List<String> jars, Path source, String className, String field, Path work)
            throws IOException {
        String current = Files.readString(source);
        String older =
                current.lines()
                        .filter(
                                l ->
                                        !l.matches("\\s*public \\w+ " + field + ";\\s*")
                                                && !l.contains(field + " == s." + field))
                        .reduce("", (a, b) -> a + b + "\n");
        if (older.equals(current) || older.contains(" " + field + ";")) {
            throw new IllegalStateException("could not remove field " + field + " from " + source);
        }
        String simpleName = className.substring(className.lastIndexOf('.') + 1);
        Path src = work.resolve("older-src").resolve(simpleName + ".java");
        Path classes = work.resolve("older-classes");
        Files.createDirectories(src.getParent());
        Files.createDirectories(classes);
        Files.writeString(src, older);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc =
                javac.run(
                        null,
                        null,
                        null,
                        "-d",
                        classes.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "--release",
                        "17",
                        src.toString());
        if (rc != 0) {
            throw new IllegalStateException("the older " + simpleName + " does not compile");
        }
        String entry = className.replace('.', '/') + ".class";
        Path compiled = classes.resolve(entry);
        List<String> out = new java.util.ArrayList<>();
        boolean replaced = false;
        for (String jar : jars) {
            try (JarFile in = new JarFile(jar)) {
                if (in.getJarEntry(entry) == null) {
                    out.add(jar);
                    continue;
                }
                Path copy = work.resolve("older-" + new File(jar).getName());
                try (JarOutputStream w = new JarOutputStream(Files.newOutputStream(copy))) {
                    for (Enumeration<JarEntry> e = in.entries(); e.hasMoreElements(); ) {
                        JarEntry je = e.nextElement();
                        w.putNextEntry(new JarEntry(je.getName()));
                        if (je.getName().equals(entry)) {
                            Files.copy(compiled, w);
                        } else {
                            in.getInputStream(je).transferTo(w);
                        }
                        w.closeEntry();
                    }
                }
                out.add(copy.toString());
                replaced = true;
            }
        }
        if (!replaced) {
            throw new IllegalStateException(entry + " is in none of the job jars " + jars);
        }
        return out;
    }
}
