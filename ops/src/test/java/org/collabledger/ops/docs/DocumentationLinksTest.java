package org.collabledger.ops.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.commonmark.ext.heading.anchor.IdGenerator;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README and the pages under {@code docs/} link only to files of the repository that exist, and
 * every anchor names a heading of its page: a clone has nothing else, and a link that worked once
 * breaks silently when a file or heading is renamed.
 */
class DocumentationLinksTest {

    /** A link with a scheme ({@code https:}, {@code mailto:}) leaves the repository. */
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:");

    private static final Parser MARKDOWN = Parser.builder().build();

    @Test
    void everyRelativeLinkOfTheReadmeAndTheDocsLeadsToAFileAndHeadingOfTheRepository() {
        Path repository = repositoryRoot();

        assertThat(documents(repository))
                .contains(
                        repository.resolve("README.md"),
                        repository.resolve("docs/api.md"),
                        repository.resolve("docs/credit-and-money.md"),
                        repository.resolve("docs/operating.md"));
        assertThat(brokenLinks(repository)).isEmpty();
    }

    @Test
    void aLinkToAMissingFileAMissingHeadingOrOutsideTheRepositoryIsReported(
            @TempDir Path repository) throws IOException {
        write(
                repository.resolve("README.md"),
                """
                # The ledger
                [guide](docs/guide.md), [its money part](docs/guide.md#money-and-kill--9), [top](#the-ledger),
                [gone](docs/gone.md), [no such heading](docs/guide.md#nothing-here),
                [spec](../shared/spec/ledger.md), [web](https://example.org/missing.md)
                """);
        write(
                repository.resolve("docs/guide.md"),
                """
                # Guide
                ## Money and `kill -9`
                ![picture](missing.svg) [back](../README.md#the-ledger) [second guide](#guide-1)
                """);

        assertThat(brokenLinks(repository))
                .containsExactlyInAnyOrder(
                        "README.md: docs/gone.md: no such file",
                        "README.md: docs/guide.md#nothing-here: no such heading",
                        "README.md: ../shared/spec/ledger.md: outside the repository",
                        "docs/guide.md: missing.svg: no such file",
                        "docs/guide.md: #guide-1: no such heading");
    }

    /** Every link that does not resolve, as "document: link: why". */
    private static List<String> brokenLinks(Path repository) {
        List<String> broken = new ArrayList<>();
        for (Path document : documents(repository)) {
            for (String link : links(document)) {
                problem(repository, document, link)
                        .ifPresent(
                                why ->
                                        broken.add(
                                                repository
                                                                .relativize(document)
                                                                .toString()
                                                                .replace('\\', '/')
                                                        + ": "
                                                        + link
                                                        + ": "
                                                        + why));
            }
        }
        return broken;
    }

    /** Why {@code link} in {@code document} leads nowhere, or empty when it resolves. */
    private static Optional<String> problem(Path repository, Path document, String link) {
        if (SCHEME.matcher(link).lookingAt() || link.startsWith("//")) {
            return Optional.empty();
        }
        int hash = link.indexOf('#');
        String path = hash < 0 ? link : link.substring(0, hash);
        Path target = path.isEmpty() ? document : document.getParent().resolve(path).normalize();
        if (!target.startsWith(repository)) {
            return Optional.of("outside the repository");
        }
        if (!Files.exists(target)) {
            return Optional.of("no such file");
        }
        if (hash >= 0 && !headingIds(target).contains(link.substring(hash + 1))) {
            return Optional.of("no such heading");
        }
        return Optional.empty();
    }

    /** The README and every Markdown page under {@code docs/}. */
    private static List<Path> documents(Path repository) {
        List<Path> documents = new ArrayList<>(List.of(repository.resolve("README.md")));
        Path docs = repository.resolve("docs");
        if (Files.isDirectory(docs)) {
            try (Stream<Path> files = Files.walk(docs)) {
                files.filter(file -> file.toString().endsWith(".md"))
                        .sorted()
                        .forEach(documents::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return documents;
    }

    /** The destinations of every link and image in a Markdown file. */
    private static List<String> links(Path document) {
        List<String> links = new ArrayList<>();
        parse(document)
                .accept(
                        new AbstractVisitor() {
                            @Override
                            public void visit(Link link) {
                                links.add(link.getDestination());
                                visitChildren(link);
                            }

                            @Override
                            public void visit(Image image) {
                                links.add(image.getDestination());
                            }
                        });
        return links;
    }

    /**
     * The anchors GitHub gives the headings of a Markdown file (lower case, spaces as hyphens,
     * punctuation dropped, repeats numbered); none for other files.
     */
    private static Set<String> headingIds(Path file) {
        Set<String> ids = new HashSet<>();
        if (!file.toString().endsWith(".md")) {
            return ids;
        }
        IdGenerator generator = IdGenerator.builder().build();
        parse(file)
                .accept(
                        new AbstractVisitor() {
                            @Override
                            public void visit(Heading heading) {
                                ids.add(generator.generateId(text(heading)));
                            }
                        });
        return ids;
    }

    /** The text of a heading as GitHub reads it for its anchor: words and code, no markup. */
    private static String text(Node heading) {
        StringBuilder text = new StringBuilder();
        heading.accept(
                new AbstractVisitor() {
                    @Override
                    public void visit(Text literal) {
                        text.append(literal.getLiteral());
                    }

                    @Override
                    public void visit(Code code) {
                        text.append(code.getLiteral());
                    }
                });
        return text.toString();
    }

    private static Node parse(Path file) {
        try {
            return MARKDOWN.parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository's root: the first directory up from here that holds the Maven wrapper. */
    private static Path repositoryRoot() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            if (Files.isRegularFile(at.resolve("mvnw"))
                    && Files.isRegularFile(at.resolve("README.md"))) {
                return at;
            }
        }
        throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
