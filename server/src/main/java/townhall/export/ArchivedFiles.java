package townhall.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
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

  private static final JsonFactory JSON = new JsonFactory();

  /**
   * The follow-up codes of a record's questions (code -> question id), read from its gzip-compressed JSON as a
   * stream of tokens: the record is never held whole. Blocking.
   */
  static Map<String, String> followCodes(byte[] jsonGz) throws IOException {
    Map<String, String> codes = new LinkedHashMap<>();
    try (JsonParser json = JSON.createParser(new GZIPInputStream(new ByteArrayInputStream(jsonGz), 1 << 16))) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        return codes;
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String section = json.currentName();
        json.nextToken();
        if (!"questions".equals(section)) {
          json.skipChildren();
          continue;
        }
        while (json.nextToken() == JsonToken.START_OBJECT) {
          String id = null;
          String code = null;
          while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if ("id".equals(field) && value == JsonToken.VALUE_STRING) {
              id = json.getText();
            } else if ("followCode".equals(field) && value == JsonToken.VALUE_STRING) {
              code = json.getText();
            } else {
              json.skipChildren();
            }
          }
          if (id != null && code != null) {
            codes.put(code, id);
          }
        }
      }
    }
    return codes;
  }

  private static void gunzip(Path from, Path to) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(from), 1 << 16)) {
      Files.copy(in, to);
    }
  }
}
