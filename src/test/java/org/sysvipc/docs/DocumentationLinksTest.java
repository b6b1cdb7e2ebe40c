package org.sysvipc.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link of the project's Markdown (README.md, docs/, CONTRIBUTING.md, CHANGELOG.md,
 * the examples' and the tools' READMEs) names a file that exists and, into Markdown, a heading
 * that exists; and the checker itself finds each kind of broken link.
 */
class DocumentationLinksTest {
    private static final Path PROJECT = Path.of("").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void everyRelativeLinkOfTheProjectsMarkdownResolves() {
        List<String> broken = new MarkdownLinks(PROJECT).brokenLinks();
        assertEquals(List.of(), broken, "broken links:\n" + String.join("\n", broken));
    }

    @Test
    void theCheckCoversTheReadmeTheDocsAndTheExamples() {
        Set<String> checked = new MarkdownLinks(PROJECT).markdownFiles().stream()
                .map(file -> PROJECT.relativize(file).toString()).collect(Collectors.toSet());
        for (String file : List.of("README.md", "CONTRIBUTING.md", "CHANGELOG.md", "docs/performance.md",
                "docs/php.md", "docs/soak.md", "docs/channel.md", "examples/README.md",
                "examples/c-struct-queue/README.md", "native-headers/README.md")) {
            assertTrue(checked.contains(file), file + " is not among the checked files " + checked);
        }
        assertTrue(checked.stream().noneMatch(file -> file.startsWith("target/") || file.contains("/target/")),
                "build output is checked: " + checked);
    }

    @Test
    void aLinkToAMissingFileOrDirectoryIsReported() throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        write("docs/guide.md", "# Guide\n\nSee [the bench](../bench/) and\n[the\nchart](../bench/chart.png).\n");
        assertEquals(List.of(
                "docs/guide.md:3: (../bench/) names bench, which does not exist",
                "docs/guide.md:5: (../bench/chart.png) names bench/chart.png, which does not exist"),
                new MarkdownLinks(dir).brokenLinks());
        Files.createDirectories(dir.resolve("bench"));
        Files.writeString(dir.resolve("bench/chart.png"), "png");
        assertEquals(List.of(), new MarkdownLinks(dir).brokenLinks());
    }

    @Test
    void anAnchorMustNameAHeadingAsGitHubSpellsIt() throws IOException {
        write("php.md", """
                # PHP
                ## Values: PHP's `serialize()` format
                ## Semaphores: `sem_get`'s protocol
                ## Microbenchmarks (JMH)
                ## Notes
                ## Notes
                ```
                ## Not a heading: in code
                ```
                """);
        write("README.md", """
                [a](php.md#values-phps-serialize-format) [b](php.md#semaphores-sem_gets-protocol)
                [c](php.md#microbenchmarks-jmh) [d](php.md#notes) [e](php.md#notes-1) [f](#top)
                [g](php.md#notes-2) [h](php.md#not-a-heading-in-code) [i](php.md#Values)

                # Top
                """);
        List<String> broken = new MarkdownLinks(dir).brokenLinks(dir.resolve("README.md"));
        assertEquals(List.of("php.md#notes-2", "php.md#not-a-heading-in-code", "php.md#Values"),
                broken.stream().map(line -> line.substring(line.indexOf('(') + 1, line.indexOf(')'))).toList(),
                String.join("\n", broken));
        assertTrue(broken.get(0).startsWith("README.md:3: (php.md#notes-2) names no heading of php.md; its anchors are "),
                broken.get(0));
    }

    @Test
    void linksInCodeAndLinksWithASchemeAreNotFollowed() throws IOException {
        write("README.md", """
                ```
                [in a fence](missing-1.md)
                ```
                `[in a code span](missing-2.md)` and ``[in a double `span`](missing-3.md)``
                [web](https://example.org/missing) [mail](mailto:dev@example.org) ![picture](missing-4.png)
                """);
        assertEquals(List.of("README.md:5: (missing-4.png) names missing-4.png, which does not exist"),
                new MarkdownLinks(dir).brokenLinks());
    }

    @Test
    void aReferenceDefinitionIsCheckedAndNothingOutsideTheProjectCounts() throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(dir.resolve("outside.md"), "# Outside\n");
        Files.writeString(project.resolve("README.md"), "[spec][s] and [the parent](../outside.md)\n\n[s]: spec.md\n");
        assertEquals(List.of(
                "README.md:1: (../outside.md) points outside the project",
                "README.md:3: (spec.md) names spec.md, which does not exist"),
                new MarkdownLinks(project).brokenLinks().stream().sorted().toList());
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }
}
