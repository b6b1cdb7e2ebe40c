package org.sysvipc.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the relative links of a project's Markdown files: every {@code [text](path)},
 * {@code ![alt](path)} and {@code [label]: path} outside code must name a file or directory inside
 * the project, and a {@code #fragment} into a Markdown file must name one of its headings, as
 * GitHub makes their anchors (lower case, punctuation dropped but {@code _} and {@code -}, spaces
 * to {@code -}, a repeated heading's anchor suffixed {@code -1}, {@code -2}, ...). Links with a
 * scheme ({@code https:}, {@code mailto:}) are not followed.
 */
final class MarkdownLinks {
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)(?:\\s+#+)?\\s*$");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(?:(?!\\1).)+?\\1", Pattern.DOTALL);
    private static final Pattern INLINE_LINK = Pattern.compile("!?\\[([^\\[\\]]*)\\]\\(\\s*<?([^\\s)>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE = Pattern.compile("(?m)^ {0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s+\"[^\"]*\")?\\s*$");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final Pattern NOT_IN_ANCHOR = Pattern.compile("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]");
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "target", "node_modules");

    private final Path root;
    private final Map<Path, Set<String>> anchorsByFile = new HashMap<>();

    /** A checker for the project whose top directory is {@code root}. */
    MarkdownLinks(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** {@return every {@code .md} file under the root, outside .git and build output, sorted} */
    List<Path> markdownFiles() {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return !dir.equals(root) && SKIPPED_DIRECTORIES.contains(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && file.getFileName().toString().endsWith(".md")) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the Markdown files under " + root, e);
        }
        files.sort(null);
        return files;
    }

    /** {@return a line per broken link in every Markdown file under the root: file, line, link, why} */
    List<String> brokenLinks() {
        List<String> broken = new ArrayList<>();
        for (Path file : markdownFiles()) {
            broken.addAll(brokenLinks(file));
        }
        return broken;
    }

    /** {@return a line per broken link in {@code file}: file, line, link, why} */
    List<String> brokenLinks(Path file) {
        String text = read(file);
        String prose = blankCode(text);
        List<String> broken = new ArrayList<>();
        for (Pattern pattern : List.of(INLINE_LINK, REFERENCE)) {
            Matcher link = pattern.matcher(prose);
            while (link.find()) {
                int group = pattern == INLINE_LINK ? 2 : 1;
                String target = link.group(group);
                String problem = problem(file, target);
                if (problem != null) {
                    broken.add(root.relativize(file) + ":" + lineOf(text, link.start(group)) + ": (" + target + ") "
                            + problem);
                }
            }
        }
        return broken;
    }

    /** {@return GitHub's anchors for the headings of {@code file}} */
    Set<String> anchors(Path file) {
        return anchorsByFile.computeIfAbsent(file.toAbsolutePath().normalize(), MarkdownLinks::readAnchors);
    }

    /** {@return GitHub's anchor for a heading whose Markdown text is {@code heading}, before any -N suffix} */
    static String anchor(String heading) {
        String rendered = CODE_SPAN.matcher(heading).replaceAll(match -> Matcher.quoteReplacement(
                match.group().substring(match.group(1).length(), match.group().length() - match.group(1).length())));
        rendered = INLINE_LINK.matcher(rendered).replaceAll(match -> Matcher.quoteReplacement(match.group(1)));
        return NOT_IN_ANCHOR.matcher(rendered.strip().toLowerCase(Locale.ROOT)).replaceAll("").replace(' ', '-');
    }

    private String problem(Path file, String target) {
        if (target.isEmpty()) {
            return "is empty";
        }
        if (SCHEME.matcher(target).find()) {
            return null;
        }
        int hash = target.indexOf('#');
        String pathPart = URLDecoder.decode(hash < 0 ? target : target.substring(0, hash), StandardCharsets.UTF_8);
        String fragment = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = pathPart.isEmpty() ? file : file.getParent().resolve(pathPart).normalize();
        if (!resolved.startsWith(root)) {
            return "points outside the project";
        }
        if (!Files.exists(resolved)) {
            return "names " + root.relativize(resolved) + ", which does not exist";
        }
        if (fragment != null && resolved.getFileName().toString().endsWith(".md")
                && !anchors(resolved).contains(fragment)) {
            return "names no heading of " + root.relativize(resolved) + "; its anchors are " + anchors(resolved);
        }
        return null;
    }

    private static Set<String> readAnchors(Path file) {
        Set<String> anchors = new TreeSet<>();
        Map<String, Integer> seen = new HashMap<>();
        String[] lines = read(file).split("\n", -1);
        boolean[] code = codeLines(lines);
        for (int i = 0; i < lines.length; i++) {
            Matcher heading = HEADING.matcher(lines[i]);
            if (!code[i] && heading.matches()) {
                String anchor = anchor(heading.group(1));
                int count = seen.merge(anchor, 1, Integer::sum);
                anchors.add(count == 1 ? anchor : anchor + "-" + (count - 1));
            }
        }
        return anchors;
    }

    /** {@return for each line, whether it opens, closes or is inside a fenced code block} */
    private static boolean[] codeLines(String[] lines) {
        boolean[] code = new boolean[lines.length];
        String fence = null;
        for (int i = 0; i < lines.length; i++) {
            Matcher marker = FENCE.matcher(lines[i]);
            boolean isMarker = marker.find();
            if (fence == null && isMarker) {
                fence = marker.group(1);
                code[i] = true;
            } else if (fence != null) {
                code[i] = true;
                if (isMarker && marker.group(1).charAt(0) == fence.charAt(0) && marker.group(1).length() >= fence.length()) {
                    fence = null;
                }
            }
        }
        return code;
    }

    /** The text with fenced code blocks and code spans replaced by spaces, so offsets stay. */
    private static String blankCode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        String[] lines = text.split("\n", -1);
        boolean[] code = codeLines(lines);
        for (int i = 0; i < lines.length; i++) {
            out.append(code[i] ? " ".repeat(lines[i].length()) : lines[i]).append('\n');
        }
        out.setLength(text.length());
        Matcher span = CODE_SPAN.matcher(out);
        while (span.find()) {
            for (int i = span.start(); i < span.end(); i++) {
                if (out.charAt(i) != '\n') {
                    out.setCharAt(i, ' ');
                }
            }
        }
        return out.toString();
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
