package townhall.load;

import java.util.Arrays;

/**
 * The fast path for the one frame that arrives at every client many times a second, {@code votes}
 * ({@code {"type":"votes","counts":{"7":13,"8":2},"versions":{...}}}): reads its counts straight from the text,
 * without building a JSON tree, and keeps them as (key range, count) pairs over that text, so that nothing is
 * allocated per frame once the arrays have grown (and the frame itself is not kept: storing each new frame in this
 * long-lived object would cost the garbage collector a card to refine per frame).
 *
 * <p>{@link #parse} only accepts what it fully understands and checks the whole frame: exactly
 * {@code {"type":"votes","counts":{...}}} or {@code {"type":"votes","counts":{...},"versions":{...}}} in that
 * order, keys without escapes, integer values without fraction or exponent (the counts within {@code int}),
 * whitespace allowed between tokens. Anything else (another type, another member, another order, an escape, a
 * string or {@code null} value, broken JSON...) returns false, and the caller parses the frame as JSON instead, so
 * the fast path reads a frame as the full parse would (a key that comes twice, which no server sends, is the
 * exception: it is kept twice, where the full parse keeps its last value). A key without escapes is the decoded
 * key itself. One instance is used by one thread at a time.
 */
public final class VoteCounts {
  static final String PREFIX = "{\"type\":\"votes\",\"counts\":{";
  private static final String VERSIONS = "\"versions\"";
  private static final int MAX_DIGITS = 18;

  private int pos;
  private int size;
  private int[] keyStart = new int[4];
  private int[] keyEnd = new int[4];
  private int[] counts = new int[4];

  /**
   * Reads a {@code votes} frame's counts; returns false (and keeps none) when {@code frame} is not one this fast
   * path understands.
   */
  public boolean parse(String frame) {
    size = 0;
    pos = PREFIX.length();
    boolean ok = frame.startsWith(PREFIX) && members(frame, true)
        && (take(frame, '}') || take(frame, ',') && versions(frame) && take(frame, '}'))
        && skipSpace(frame) == frame.length();
    if (!ok) {
      size = 0;
    }
    return ok;
  }

  /** {@code "versions":{...}}, its values only checked. */
  private boolean versions(String text) {
    skipSpace(text);
    if (!text.startsWith(VERSIONS, pos)) {
      return false;
    }
    pos += VERSIONS.length();
    return take(text, ':') && take(text, '{') && members(text, false);
  }

  /**
   * The members of an object of integers, from after its '{' to after its '}'; with {@code keep} they are kept
   * as counts (which must fit an {@code int}).
   */
  private boolean members(String text, boolean keep) {
    if (take(text, '}')) {
      return true;
    }
    do {
      skipSpace(text);
      if (pos >= text.length() || text.charAt(pos) != '"') {
        return false;
      }
      int start = ++pos;
      int close = closingQuote(text, start);
      if (close < 0) {
        return false;
      }
      pos = close + 1;
      if (!take(text, ':')) {
        return false;
      }
      long value = number(text);
      if (value == Long.MIN_VALUE || keep && (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE)) {
        return false;
      }
      if (keep) {
        add(start, close, (int) value);
      }
    } while (take(text, ','));
    return take(text, '}');
  }

  /** Where the key that starts at {@code start} ends (its closing quote), or -1 if it has an escape. */
  private static int closingQuote(String text, int start) {
    int end = text.length();
    for (int at = start; at < end; at++) {
      char c = text.charAt(at);
      if (c == '"') {
        return at;
      }
      if (c == '\\' || c < ' ') {
        return -1;
      }
    }
    return -1;
  }

  /** A JSON integer (no fraction, no exponent, at most 18 digits), or {@code Long.MIN_VALUE} if there is none. */
  private long number(String text) {
    skipSpace(text);
    int end = text.length();
    boolean negative = pos < end && text.charAt(pos) == '-';
    int digits = negative ? pos + 1 : pos;
    int at = digits;
    long value = 0;
    char c;
    while (at < end && (c = text.charAt(at)) >= '0' && c <= '9') {
      if (at - digits == MAX_DIGITS) {
        return Long.MIN_VALUE;
      }
      value = value * 10 + (c - '0');
      at++;
    }
    if (at == digits || text.charAt(digits) == '0' && at - digits > 1
        || at < end && ((c = text.charAt(at)) == '.' || c == 'e' || c == 'E')) {
      return Long.MIN_VALUE;
    }
    pos = at;
    return negative ? -value : value;
  }

  /** Skips whitespace; consumes {@code c} and returns true if it comes next. */
  private boolean take(String text, char c) {
    skipSpace(text);
    if (pos < text.length() && text.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  private int skipSpace(String text) {
    int end = text.length();
    char c;
    while (pos < end && ((c = text.charAt(pos)) == ' ' || c == '\t' || c == '\n' || c == '\r')) {
      pos++;
    }
    return pos;
  }

  private void add(int start, int end, int count) {
    if (size == counts.length) {
      keyStart = Arrays.copyOf(keyStart, size * 2);
      keyEnd = Arrays.copyOf(keyEnd, size * 2);
      counts = Arrays.copyOf(counts, size * 2);
    }
    keyStart[size] = start;
    keyEnd[size] = end;
    counts[size] = count;
    size++;
  }

  /** How many counts the frame holds. */
  public int size() {
    return size;
  }

  /** Where the {@code n}-th question id starts in the frame. */
  public int keyStart(int n) {
    return keyStart[n];
  }

  /** Where the {@code n}-th question id ends (exclusive) in the frame. */
  public int keyEnd(int n) {
    return keyEnd[n];
  }

  /** The {@code n}-th count. */
  public int count(int n) {
    return counts[n];
  }
}
