package townhall.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The CSV lines of the questions grouped by topic ({@link townhall.record.SummaryCsv#groupedRow}), spooled to disk
 * as the questions are written, one file per topic, so that the grouped table is written in the summary's order of
 * topics without holding the questions in memory or reading the spool once per topic. The files live in the build's
 * folder (deleted with it); one thread at a time, as the rest of {@link RecordBuild}.
 */
final class TopicSpool {
  private final Path dir;
  /** By topic key ({@code null}: none), its file's writer; the files are numbered in the order topics are seen. */
  private final Map<String, BufferedWriter> writers = new HashMap<>();
  private final Map<String, Path> files = new HashMap<>();

  TopicSpool(Path dir) {
    this.dir = dir;
  }

  void add(String topic, String line) throws IOException {
    BufferedWriter writer = writers.get(topic);
    if (writer == null) {
      Path file = dir.resolve("topic-" + files.size() + ".part");
      files.put(topic, file);
      writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
      writers.put(topic, writer);
    }
    writer.write(line);
  }

  void close() throws IOException {
    for (Writer writer : writers.values()) {
      writer.close();
    }
  }

  /** Copies the lines of {@code topic}'s questions, if any, to {@code out} (after {@link #close}). */
  void copy(String topic, OutputStream out) throws IOException {
    Path file = files.get(topic);
    if (file != null) {
      Files.copy(file, out);
    }
  }

  void delete() throws IOException {
    for (Path file : files.values()) {
      Files.deleteIfExists(file);
    }
  }
}
