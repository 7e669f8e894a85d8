package townhall.record;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks an exported record (the JSON of {@code GET /api/sessions/{id}/record}):
 * {@code java -cp townhall.jar townhall.record.VerifyRecord record.json}. Prints what it found and exits 0 when the
 * record is intact, 1 when it is not (or cannot be read), 2 without a file to check.
 */
public final class VerifyRecord {
  private VerifyRecord() {
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  /** The check as {@link #main} does it, writing to {@code out}; answers the exit code. */
  public static int run(String[] args, PrintStream out) {
    if (args.length != 1) {
      out.println("usage: java -cp townhall.jar townhall.record.VerifyRecord <record.json>");
      return 2;
    }
    JsonObject record;
    try {
      String text = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
      record = new JsonObject(text.startsWith(RecordCsv.BOM) ? text.substring(1) : text);
    } catch (IOException | RuntimeException e) {
      out.println("NOT VERIFIED: " + args[0] + " is not a readable JSON record: " + e.getMessage());
      return 1;
    }
    RecordVerifier.Result result = RecordVerifier.verify(record);
    if (!result.intact()) {
      out.println("NOT INTACT: " + args[0]);
      result.problems().forEach(problem -> out.println("  " + problem));
      return 1;
    }
    out.println("INTACT: " + result.length() + " links, final hash " + result.finalHash());
    out.println(result.votesCovered()
        ? "  vote counts and participants are the tally taken when the session was closed (in the chain)"
        : "  the session was not closed at export: its vote counts and participants are counts of that moment, "
            + "not part of the chain");
    return 0;
  }
}
