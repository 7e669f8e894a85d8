package townhall.load;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts of the questions a run asks, each with a marker that names the run and the question's place in it:
 * {@code (TAG-sK/Q)} for seeded question K of Q, {@code (TAG-aJ)} for ask J of the schedule. Any process of the
 * run can tell from a {@code question} event or a welcome which seeded question or which scheduled ask it is,
 * without having sent it. The tag is the same for every process of a run (derived from {@code --start-at}).
 */
public final class QuestionTexts {
  private static final Pattern SEEDED = Pattern.compile("\\(([A-Za-z0-9]+)-s(\\d+)/(\\d+)\\)");
  private static final Pattern ASKED = Pattern.compile("\\(([A-Za-z0-9]+)-a(\\d+)\\)");

  private final String tag;

  /** @param tag letters and digits naming the run */
  public QuestionTexts(String tag) {
    this.tag = tag;
  }

  /** The run's tag. */
  public String tag() {
    return tag;
  }

  /**
   * The text of seeded question {@code k} of {@code total}. The street's number is spelled out, as a filler's is:
   * in digits alone two seeded questions of one asker could fold to one fingerprint (a repeated digit counts once),
   * and the second, flagged a repeat, would wait for a moderator the run does not have.
   */
  public String seeded(int k, int total) {
    return "Câu hỏi thử tải số " + (k + 1) + " (" + tag + "-s" + k + "/" + total + "): khi nào sửa xong"
        + " đường số " + spelled(k + 1) + "?";
  }

  /**
   * The text of filler question {@code n}: a question nobody votes on, there to make the session big. Its number is
   * also spelled out digit by digit in words: the content rules take texts that differ only by a repeated letter
   * (or digit: 11 and 111) for the same question, and flag the second as a repeat.
   */
  public String filler(int n) {
    return "Câu hỏi nền (" + tag + "-f" + n + "): xin hỏi về kế hoạch của phường cho khu phố số " + spelled(n + 1)
        + "?";
  }

  private static final String[] DIGITS = {"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"};

  private static String spelled(int number) {
    StringBuilder words = new StringBuilder();
    for (char digit : Integer.toString(number).toCharArray()) {
      words.append(words.length() == 0 ? "" : " ").append(DIGITS[digit - '0']);
    }
    return words.toString();
  }

  /** The text of scheduled ask {@code j}. */
  public String asked(long j) {
    return "Câu hỏi mới số " + (j + 1) + " (" + tag + "-a" + j + ") trong lúc thử tải: bao giờ có"
        + " đèn đường ở tổ " + spelled((int) (j % 1_000_000) + 1) + "?";
  }

  /** The seeded question's number and the run's total, {@code {k, Q}}, or {@code null} for another text. */
  public int[] seededIndex(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = SEEDED.matcher(text);
    if (!m.find() || !m.group(1).equals(tag)) {
      return null;
    }
    return new int[] {Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
  }

  /** The scheduled ask's number, or -1 for another text. */
  public long askIndex(String text) {
    if (text == null) {
      return -1;
    }
    Matcher m = ASKED.matcher(text);
    if (!m.find() || !m.group(1).equals(tag)) {
      return -1;
    }
    return Long.parseLong(m.group(2));
  }
}
