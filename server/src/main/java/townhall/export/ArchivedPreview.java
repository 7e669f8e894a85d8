package townhall.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import townhall.domain.TextCategory;
import townhall.domain.record.PreviewCounts;

/**
 * The preview counts of an archived public copy, read back from its JSON a question at a time (a streaming parse: a
 * record of 100 000 questions is never held whole), as the build counted them ({@link PreviewCounts}). Blocking: on
 * the record worker.
 */
final class ArchivedPreview {
  private static final JsonFactory JSON = new JsonFactory();

  private ArchivedPreview() {
  }

  static PreviewCounts count(Path publicJson) throws IOException {
    PreviewCounts counts = new PreviewCounts();
    try (InputStream in = Files.newInputStream(publicJson); JsonParser parser = JSON.createParser(in)) {
      expect(parser.nextToken(), JsonToken.START_OBJECT);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("questions") && value == JsonToken.START_ARRAY) {
          while (parser.nextToken() == JsonToken.START_OBJECT) {
            question(parser, counts);
          }
        } else {
          parser.skipChildren();
        }
      }
    }
    return counts;
  }

  /** One question object (the parser on its START_OBJECT); leaves the parser on its END_OBJECT. */
  private static void question(JsonParser parser, PreviewCounts counts) throws IOException {
    boolean textShown = false;
    TextCategory withheld = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "text" -> textShown = value != JsonToken.VALUE_NULL;
        case "withheld" -> withheld = value == JsonToken.START_OBJECT ? category(parser) : null;
        case "steps" -> steps(parser, value, counts);
        default -> parser.skipChildren();
      }
    }
    counts.question(withheld, textShown);
  }

  /** The {@code category} of a {@code withheld} object (the parser on its START_OBJECT). */
  private static TextCategory category(JsonParser parser) throws IOException {
    TextCategory category = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      if (field.equals("category")) {
        category = TextCategory.fromWireName(parser.getValueAsString());
      } else {
        parser.skipChildren();
      }
    }
    return category;
  }

  private static void steps(JsonParser parser, JsonToken value, PreviewCounts counts) throws IOException {
    if (value != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return;
    }
    while (parser.nextToken() == JsonToken.START_OBJECT) {
      String action = null;
      String reason = null;
      TextCategory category = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        switch (field) {
          case "action" -> action = parser.getValueAsString();
          case "reason" -> reason = parser.getValueAsString();
          case "category" -> category = TextCategory.fromWireName(parser.getValueAsString());
          default -> parser.skipChildren();
        }
      }
      counts.step(action, reason, category);
    }
  }

  private static void expect(JsonToken got, JsonToken wanted) throws IOException {
    if (got != wanted) {
      throw new IOException("An archived record that is not a JSON object: " + got);
    }
  }
}
