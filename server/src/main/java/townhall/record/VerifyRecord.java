package townhall.record;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks an exported record (the JSON of {@code GET /api/sessions/{id}/record}):
 * {@code java -cp townhall.jar townhall.record.VerifyRecord [--expect <final hash>] [--keys <file or URL>]
 * record.json}. {@code --expect} is the final hash known from elsewhere (the minutes, the page, an announcement);
 * {@code --keys} the deployment's public keys ({@code https://<host>/.well-known/townhall-record-keys}, or a saved
 * copy). Prints what was checked and what was not, and exits 0 when every check made held, 1 when one did not (or
 * the record or the keys cannot be read), 2 for a wrong command line.
 */
public final class VerifyRecord {
  private static final String USAGE = "usage: java -cp townhall.jar townhall.record.VerifyRecord"
      + " [--expect <final hash>] [--keys <file or URL>] <record.json>";

  private VerifyRecord() {
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  /** The check as {@link #main} does it, writing to {@code out}; answers the exit code. */
  public static int run(String[] args, PrintStream out) {
    String expect = null;
    String keysSource = null;
    String file = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--expect" -> {
          if (i + 1 >= args.length || expect != null) {
            out.println(USAGE);
            return 2;
          }
          expect = args[++i];
        }
        case "--keys" -> {
          if (i + 1 >= args.length || keysSource != null) {
            out.println(USAGE);
            return 2;
          }
          keysSource = args[++i];
        }
        default -> {
          if (file != null || args[i].startsWith("--")) {
            out.println(USAGE);
            return 2;
          }
          file = args[i];
        }
      }
    }
    if (file == null) {
      out.println(USAGE);
      return 2;
    }
    if (expect != null && !expect.trim().matches("[0-9a-fA-F]{64}")) {
      out.println("--expect takes a final hash: 64 hexadecimal digits");
      return 2;
    }
    JsonObject record;
    try {
      String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
      record = new JsonObject(text.startsWith(RecordCsv.BOM) ? text.substring(1) : text);
    } catch (IOException | RuntimeException e) {
      out.println("NOT VERIFIED: " + file + " is not a readable JSON record: " + e.getMessage());
      return 1;
    }
    List<RecordKeys.PublishedKey> keys = null;
    if (keysSource != null) {
      try {
        keys = readKeys(keysSource);
      } catch (IOException | RuntimeException e) {
        out.println("NOT VERIFIED: the keys at " + keysSource + " cannot be read: " + e.getMessage());
        return 1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 1;
      }
    }
    RecordVerifier.Result result = RecordVerifier.verify(record, new RecordVerifier.Options(expect, keys));
    if (!result.intact()) {
      out.println("NOT INTACT: " + file);
      result.problems().forEach(problem -> out.println("  " + problem));
    } else if (result.authenticated()) {
      out.println("VERIFIED: " + result.length() + " links, final hash " + result.finalHash());
    } else {
      out.println("CONSISTENT, NOT AUTHENTICATED: " + result.length() + " links, final hash " + result.finalHash());
      out.println("  the file agrees with itself, but a file can be rewritten whole with every hash recomputed:"
          + " give --expect or --keys to tie it to the session");
    }
    out.println("Checked:");
    result.checked().forEach(c -> out.println("  - " + c));
    out.println("Not checked:");
    result.notChecked().forEach(c -> out.println("  - " + c));
    return result.intact() ? 0 : 1;
  }

  /** {@code {"keys":[{"kid","alg":"Ed25519","publicKey"}]}} from a file or an http(s) URL. */
  static List<RecordKeys.PublishedKey> readKeys(String source) throws IOException, InterruptedException {
    String text;
    if (source.startsWith("https://") || source.startsWith("http://")) {
      HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
          .send(HttpRequest.newBuilder(URI.create(source)).timeout(Duration.ofSeconds(20)).GET().build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() != 200) {
        throw new IOException("HTTP " + response.statusCode());
      }
      text = response.body();
    } else {
      text = Files.readString(Path.of(source), StandardCharsets.UTF_8);
    }
    JsonArray array = new JsonObject(text).getJsonArray("keys");
    if (array == null) {
      throw new IOException("no \"keys\" array");
    }
    List<RecordKeys.PublishedKey> keys = new ArrayList<>();
    for (Object item : array) {
      JsonObject key = (JsonObject) item;
      if (RecordKeys.ALGORITHM.equals(key.getString("alg"))) {
        keys.add(new RecordKeys.PublishedKey(key.getString("kid"), key.getString("publicKey")));
      }
    }
    return keys;
  }
}
