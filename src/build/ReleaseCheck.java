import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Checks a release bundle as Maven Central's validation does: the bundle zip that
 * {@code mvn -Prelease verify} writes (target/central-bundle.zip), unpacked into a directory.
 * Run by bin/check-release as {@code java src/build/ReleaseCheck.java DIR VERSION [--signed]}.
 *
 * <p>It requires, for the one artifact in DIR: a POM with modelVersion, groupId, artifactId,
 * version, name, description, url, a licence (name and url), a developer (name), scm (url and
 * connection) and no unresolved {@code ${...}}; the jar, sources jar and Javadoc jar, each with
 * what makes it one; an .md5 and .sha1 beside every file that match it; an .asc beside every file
 * with {@code --signed}. Prints one line a check and exits 1 if any fails.
 */
public final class ReleaseCheck {
    private final List<String> failures = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3 || args.length == 3 && !args[2].equals("--signed")) {
            System.err.println("usage: java ReleaseCheck.java BUNDLE_DIR VERSION [--signed]");
            System.exit(2);
        }
        ReleaseCheck check = new ReleaseCheck();
        check.run(Path.of(args[0]), args[1], args.length == 3);
        if (!check.failures.isEmpty()) {
            System.err.println("release check: " + check.failures.size() + " failed: " + check.failures);
            System.exit(1);
        }
        System.out.println("release check: every element Maven Central requires is there");
    }

    private void run(Path bundle, String version, boolean signed) throws Exception {
        Path dir = bundle.resolve("org/sysvipc/sysv-ipc").resolve(version);
        Path pom = only(dir, ".pom");
        Path jar = only(dir, ".jar", "-sources.jar", "-javadoc.jar");
        Path sources = only(dir, "-sources.jar");
        Path javadoc = only(dir, "-javadoc.jar");
        if (pom == null || jar == null || sources == null || javadoc == null) {
            return;
        }
        checkPom(pom, version);
        check(jarHas(jar, "module-info.class") && jarHas(jar, "META-INF/LICENSE")
                && version.equals(manifestVersion(jar)), "jar: module-info.class, META-INF/LICENSE, Implementation-Version");
        check(jarHas(sources, "org/sysvipc/MessageQueue.java") && jarHas(sources, "META-INF/LICENSE"),
                "sources jar: the sources and META-INF/LICENSE");
        check(jarHas(javadoc, "index.html") && jarHas(javadoc, "org.sysvipc/org/sysvipc/MessageQueue.html"),
                "javadoc jar: index.html and the API's pages");
        for (Path file : List.of(pom, jar, sources, javadoc)) {
            checkChecksum(file, "md5", "MD5");
            checkChecksum(file, "sha1", "SHA-1");
            if (signed) {
                check(Files.isRegularFile(sibling(file, ".asc")), "signature " + sibling(file, ".asc").getFileName());
            }
        }
    }

    private void checkPom(Path pom, String version) throws Exception {
        String text = Files.readString(pom);
        check(!text.contains("${"), "POM: no unresolved ${...}");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        Document document = factory.newDocumentBuilder().parse(pom.toFile());
        Element project = document.getDocumentElement();
        for (String element : List.of("modelVersion", "groupId", "artifactId", "name", "description", "url")) {
            check(!text(project, element).isBlank(), "POM: " + element + " = " + text(project, element));
        }
        check(version.equals(text(project, "version")), "POM: version = " + text(project, "version"));
        Element license = child(child(project, "licenses"), "license");
        check(!text(license, "name").isBlank() && text(license, "url").startsWith("https://"),
                "POM: licenses/license name and url = " + text(license, "name") + " " + text(license, "url"));
        Element developer = child(child(project, "developers"), "developer");
        check(!text(developer, "name").isBlank(), "POM: developers/developer name = " + text(developer, "name"));
        Element scm = child(project, "scm");
        check(text(scm, "url").startsWith("https://") && text(scm, "connection").startsWith("scm:"),
                "POM: scm url and connection = " + text(scm, "url") + " " + text(scm, "connection"));
    }

    private void checkChecksum(Path file, String extension, String algorithm) throws IOException {
        Path sum = sibling(file, "." + extension);
        boolean matches = Files.isRegularFile(sum)
                && Files.readString(sum).trim().split("\\s+")[0].equals(digest(file, algorithm));
        check(matches, extension + " of " + file.getFileName());
    }

    private void check(boolean passed, String what) {
        System.out.println((passed ? "ok     " : "FAILED ") + what);
        if (!passed) {
            failures.add(what);
        }
    }

    /** The one file in {@code dir} whose name ends with {@code suffix} and none of {@code unlike}. */
    private Path only(Path dir, String suffix, String... unlike) throws IOException {
        List<Path> found;
        try (Stream<Path> files = Files.list(dir)) {
            found = files.filter(p -> {
                String name = p.getFileName().toString();
                return name.endsWith(suffix) && Stream.of(unlike).noneMatch(name::endsWith);
            }).toList();
        }
        check(found.size() == 1, "one *" + suffix + " in " + dir + ": " + found);
        return found.size() == 1 ? found.getFirst() : null;
    }

    private static Path sibling(Path file, String extension) {
        return file.resolveSibling(file.getFileName() + extension);
    }

    private static boolean jarHas(Path jar, String entry) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getEntry(entry) != null;
        }
    }

    private static String manifestVersion(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes().getValue("Implementation-Version");
        }
    }

    private static String digest(Path file, String algorithm) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first child element of {@code parent} named {@code name}, or null. */
    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node node = children.item(i);
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element element = child(parent, name);
        return element == null ? "" : element.getTextContent().trim();
    }
}
