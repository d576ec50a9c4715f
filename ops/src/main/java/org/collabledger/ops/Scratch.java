package org.collabledger.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A temporary directory for one run's database files, deleted with everything in it when the run
 * ends. An H2 file under sustained load grows to gigabytes while the ledger runs, so benchmarks
 * that left their directories behind filled this machine's disk after a few runs.
 */
public final class Scratch implements AutoCloseable {

    private final Path directory;

    private Scratch(Path directory) {
        this.directory = directory;
    }

    /** A new empty directory under the system's temporary directory. */
    public static Scratch create(String prefix) throws IOException {
        return new Scratch(Files.createTempDirectory(prefix));
    }

    /** The directory. */
    public Path path() {
        return directory;
    }

    /** Deletes the directory and everything in it. */
    @Override
    public void close() {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + directory, e);
        }
    }
}
