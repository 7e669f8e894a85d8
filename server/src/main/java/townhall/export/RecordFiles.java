package townhall.export;

import java.nio.file.Path;
import townhall.domain.record.PreviewCounts;

/**
 * A record built for one chain head and kept as files in {@code dir}: {@code record.json} and {@code record.csv},
 * each also gzip-compressed ({@code .gz}) for clients that accept it.
 *
 * @param full       whether it is the full copy (every sealed value) or the public one
 * @param length     the number of links of the chain it was built from
 * @param finalHash  the hash of its last link ({@code null} for an empty chain)
 * @param votesFinal whether its vote counts are the tally of the close (so it never changes for this head)
 * @param published  whether the record was public at that head
 * @param builtAt    when it was built
 * @param preview    of the public copy, what it leaves out ({@code null} for the full copy)
 */
public record RecordFiles(String sessionId, boolean full, long length, String finalHash, boolean votesFinal,
    boolean published, long builtAt, PreviewCounts preview, Path dir) {

  /**
   * The entity tag: the final hash itself when the record is final for that hash, else (vote counts still move) a
   * weak tag of the hash and the build time.
   */
  public String etag() {
    String hash = finalHash == null ? "empty" : finalHash;
    return votesFinal ? '"' + hash + '"' : "W/\"" + hash + "-" + builtAt + '"';
  }

  public Path json(boolean gzip) {
    return dir.resolve(gzip ? "record.json.gz" : "record.json");
  }

  public Path csv(boolean gzip) {
    return dir.resolve(gzip ? "record.csv.gz" : "record.csv");
  }
}
