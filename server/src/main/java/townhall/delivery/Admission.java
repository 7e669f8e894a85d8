package townhall.delivery;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import townhall.protocol.ServerType;

/**
 * What a joiner is sent before it joins its room: a {@code welcome}, or {@code resumed} with the missed events and
 * the counts, each frame already encoded; and the seq the joiner holds once it has them all.
 */
public record Admission(long seq, List<Frame> frames) {

  /** One encoded frame and its type (for the metrics). */
  public record Frame(Buffer encoded, ServerType type) {
  }
}
