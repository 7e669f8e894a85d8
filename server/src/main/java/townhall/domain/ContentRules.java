package townhall.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Screens a question's text for what moderators should look at before it goes live: words of the word lists, and
 * web addresses. It only finds; what happens to a flagged question (held for review, never deleted) is decided by
 * whoever asks.
 *
 * <p>Words are compared as {@link FoldedWords} read them: whole words only (Vietnamese is written in syllables, so
 * an entry of several words matches that sequence of whole syllables, never a part of a longer word), case
 * ignored, a letter may be repeated ({@code fuuuck}), and diacritics are taken into account both ways: a word typed
 * without diacritics matches an entry that has them ({@code dit me} matches {@code địt mẹ}), while a word typed
 * with diacritics must not add or change any ({@code lớn} does not match {@code lồn}, {@code ngủ} does not match
 * {@code ngu}). An entry marked exact matches only its exact diacritics.
 */
public final class ContentRules {
  /** Word edges are ASCII letters and digits on purpose: a domain may touch Vietnamese text ("example.comđể"). */
  private static final Pattern LINK = Pattern.compile(
      "(?i)(?<![a-z0-9])(?:https?://[^\\s<>\"]+|www\\.[^\\s<>\"]+"
          + "|(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:com|net|org|info|biz|vn|io|co|me|xyz|top|club"
          + "|online|site|shop|store|app|link|ly|gl|tk|ml|ga|cf|gq|ru|cn|us|uk|tv|cc|ws|live|tech|space|website"
          + "|fun|vip|win|bet|click|asia|edu|gov|pro|mobi)(?![a-z0-9-])(?:/[^\\s<>\"]*)?)");
  private static final Pattern HOST = Pattern.compile("(?i)^(?:https?://)?([^/?#:\\s]+)");

  private final List<Compiled> entries;
  private final List<String> allowedDomains;

  /**
   * @param entries        the word lists' entries
   * @param allowedDomains domains (and their subdomains) whose addresses are not flagged, such as {@code gov.vn}
   */
  public ContentRules(List<WordList.Entry> entries, List<String> allowedDomains) {
    this.entries = entries.stream().map(Compiled::of).toList();
    this.allowedDomains = allowedDomains.stream().map(d -> d.strip().toLowerCase(Locale.ROOT))
        .filter(d -> !d.isEmpty()).toList();
  }

  /** Rules that flag nothing but links. */
  public static ContentRules linksOnly() {
    return new ContentRules(List.of(), List.of());
  }

  /** What the rules find in {@code text} (already through {@link TextRules}: NFC, trimmed). */
  public Screening screen(String text) {
    List<FlagMatch> found = new ArrayList<>();
    List<FoldedWords.Word> words = FoldedWords.of(text);
    List<Run[]> runs = words.stream().map(Run::of).toList();
    for (Compiled entry : entries) {
      entry.findIn(words, runs, found);
    }
    Matcher link = LINK.matcher(text);
    while (link.find()) {
      if (!allowed(link.group())) {
        found.add(new FlagMatch(ContentFlag.LINK, link.start(), link.end()));
      }
    }
    Set<ContentFlag> flags = EnumSet.noneOf(ContentFlag.class);
    found.forEach(match -> flags.add(match.flag()));
    return new Screening(List.copyOf(flags), disjoint(found));
  }

  /**
   * A short fingerprint of what the text says, the same for texts that differ only in case, diacritics,
   * punctuation, spacing or repeated letters: two questions with one fingerprint are the same question.
   */
  public static String fingerprint(String text) {
    StringBuilder folded = new StringBuilder();
    for (FoldedWords.Word word : FoldedWords.of(Normalizer.normalize(text, Normalizer.Form.NFC))) {
      folded.append(word.skeleton()).append(' ');
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(folded.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean allowed(String link) {
    Matcher host = HOST.matcher(link);
    if (!host.find()) {
      return false;
    }
    String name = host.group(1).toLowerCase(Locale.ROOT);
    if (name.startsWith("www.")) {
      name = name.substring(4);
    }
    for (String domain : allowedDomains) {
      if (name.equals(domain) || name.endsWith("." + domain)) {
        return true;
      }
    }
    return false;
  }

  /** The matches merged where they overlap (the first flag kept), in text order. */
  private static List<FlagMatch> disjoint(List<FlagMatch> found) {
    List<FlagMatch> sorted = new ArrayList<>(found);
    sorted.sort(Comparator.comparingInt(FlagMatch::start).thenComparing(m -> -m.end()));
    List<FlagMatch> merged = new ArrayList<>();
    for (FlagMatch match : sorted) {
      FlagMatch last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && match.start() < last.end()) {
        if (match.end() > last.end()) {
          merged.set(merged.size() - 1, new FlagMatch(last.flag(), last.start(), match.end()));
        }
      } else {
        merged.add(match);
      }
    }
    return merged;
  }

  /** One entry, read into words of letter runs. */
  private record Compiled(ContentFlag flag, boolean exact, boolean prefix, List<Run[]> words) {
    static Compiled of(WordList.Entry entry) {
      List<Run[]> words = FoldedWords.of(Normalizer.normalize(entry.text(), Normalizer.Form.NFC)).stream()
          .map(Run::of).toList();
      return new Compiled(entry.flag(), entry.exact(), entry.prefix(), words);
    }

    void findIn(List<FoldedWords.Word> text, List<Run[]> runs, List<FlagMatch> found) {
      int n = words.size();
      for (int i = 0; i + n <= text.size(); i++) {
        boolean all = true;
        for (int k = 0; k < n && all; k++) {
          all = matches(runs.get(i + k), words.get(k), prefix && k == n - 1);
        }
        if (all) {
          found.add(new FlagMatch(flag, text.get(i).start(), text.get(i + n - 1).end()));
        }
      }
    }

    /**
     * A text word matches an entry word when their runs of letters have the same letters, each text run at least
     * as long as the entry's, and the text puts no diacritic on a run that the entry does not have there (exact
     * entries: exactly the entry's diacritics).
     */
    private boolean matches(Run[] text, Run[] entry, boolean openEnded) {
      if (openEnded ? text.length < entry.length : text.length != entry.length) {
        return false;
      }
      for (int k = 0; k < entry.length; k++) {
        Run t = text[k];
        Run e = entry[k];
        if (t.base() != e.base() || t.count() < e.count()) {
          return false;
        }
        if (exact ? t.marks() != e.marks() : (t.marks() & ~e.marks()) != 0) {
          return false;
        }
      }
      return true;
    }
  }

  /** Consecutive letters with one base letter: how many, and every diacritic on any of them. */
  private record Run(int base, int count, int marks) {
    static Run[] of(FoldedWords.Word word) {
      List<Run> runs = new ArrayList<>();
      int[] bases = word.bases();
      int[] marks = word.marks();
      for (int i = 0; i < bases.length; ) {
        int j = i;
        int union = 0;
        while (j < bases.length && bases[j] == bases[i]) {
          union |= marks[j];
          j++;
        }
        runs.add(new Run(bases[i], j - i, union));
        i = j;
      }
      return runs.toArray(Run[]::new);
    }
  }
}
