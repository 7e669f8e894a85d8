package townhall.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import townhall.store.ArchiveStore;

/** An archived copy as record files: its gzip-compressed JSON and CSV as kept, and each uncompressed beside it. */
final class ArchivedFiles {
  private ArchivedFiles() {
  }

  /** Writes {@code content} into {@code files}' folder. Blocking: on a worker thread. */
  static void write(RecordFiles files, ArchiveStore.Content content) throws IOException {
    Files.createDirectories(files.dir());
    Files.write(files.json(true), content.jsonGz());
    Files.write(files.csv(true), content.csvGz());
    gunzip(files.json(true), files.json(false));
    gunzip(files.csv(true), files.csv(false));
  }

  /** Reads a built copy's gzip-compressed JSON and CSV, as the archive keeps them. Blocking. */
  static ArchiveStore.Content read(RecordFiles files) throws IOException {
    return new ArchiveStore.Content(Files.readAllBytes(files.json(true)), Files.readAllBytes(files.csv(true)));
  }

  private static void gunzip(Path from, Path to) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(from), 1 << 16)) {
      Files.copy(in, to);
    }
  }
}
