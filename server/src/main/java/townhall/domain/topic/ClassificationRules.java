package townhall.domain.topic;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import townhall.domain.DomainException;
import townhall.domain.TextRules;

/**
 * What an organization may keep as its topics and areas: at most {@value #MOST_TOPICS} topics (at least one) and
 * {@value #MOST_AREAS} areas; names of 1 to {@value #NAME_LENGTH} characters; keys of lower-case ASCII letters,
 * digits and hyphens (at most {@value #KEY_LENGTH}), made from the (Vietnamese) name when not given; no key and no
 * name twice (names compared without case and diacritics); at most {@value #MOST_KEYWORDS} keywords a topic, each 1
 * to {@value #KEYWORD_LENGTH} characters. Anything else is {@code bad_request}.
 */
public final class ClassificationRules {
  public static final int MOST_TOPICS = 40;
  public static final int MOST_AREAS = 200;
  public static final int NAME_LENGTH = 80;
  public static final int KEY_LENGTH = 40;
  public static final int MOST_KEYWORDS = 40;
  public static final int KEYWORD_LENGTH = 60;
  private static final Pattern KEY = Pattern.compile("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_KEY = Pattern.compile("[^a-z0-9]+");

  private ClassificationRules() {
  }

  /** The topics, checked and cleaned (names trimmed, keys made where missing). */
  public static List<Topic> topics(List<Topic> given) {
    if (given == null || given.isEmpty()) {
      throw DomainException.badRequest("Keep at least one topic");
    }
    if (given.size() > MOST_TOPICS) {
      throw DomainException.badRequest("At most " + MOST_TOPICS + " topics");
    }
    Set<String> keys = new HashSet<>();
    Set<String> names = new HashSet<>();
    List<Topic> clean = new ArrayList<>();
    for (Topic t : given) {
      String nameVi = name(t.nameVi(), "topic's Vietnamese name");
      String nameEn = name(t.nameEn(), "topic's English name");
      String key = key(t.key(), nameVi);
      if (!keys.add(key)) {
        throw DomainException.badRequest("Two topics have the key '" + key + "'");
      }
      if (!names.add(fold(nameVi))) {
        throw DomainException.badRequest("Two topics are named '" + nameVi + "'");
      }
      if (t.keywords().size() > MOST_KEYWORDS) {
        throw DomainException.badRequest("At most " + MOST_KEYWORDS + " keywords a topic");
      }
      List<String> keywords = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (String keyword : t.keywords()) {
        String k = name(keyword, "keyword", KEYWORD_LENGTH);
        if (seen.add(fold(k))) {
          keywords.add(k);
        }
      }
      clean.add(new Topic(key, nameVi, nameEn, keywords));
    }
    return List.copyOf(clean);
  }

  /** The areas, checked and cleaned (an empty list is allowed: no areas). */
  public static List<Area> areas(List<Area> given) {
    if (given == null) {
      throw DomainException.badRequest("Give the list of areas");
    }
    if (given.size() > MOST_AREAS) {
      throw DomainException.badRequest("At most " + MOST_AREAS + " areas");
    }
    Set<String> keys = new HashSet<>();
    Set<String> names = new HashSet<>();
    List<Area> clean = new ArrayList<>();
    for (Area a : given) {
      String name = name(a.name(), "area's name");
      String key = key(a.key(), name);
      if (!keys.add(key)) {
        throw DomainException.badRequest("Two areas have the key '" + key + "'");
      }
      if (!names.add(fold(name))) {
        throw DomainException.badRequest("Two areas are named '" + name + "'");
      }
      clean.add(new Area(key, name));
    }
    return List.copyOf(clean);
  }

  /** A key as given (checked), or made from {@code name}: "Khu phố 3" → {@code khu-pho-3}. */
  static String key(String given, String name) {
    String key = given == null ? NOT_KEY.matcher(fold(name)).replaceAll("-").replaceAll("^-+|-+$", "") : given;
    if (key.length() > KEY_LENGTH) {
      key = given == null ? key.substring(0, KEY_LENGTH).replaceAll("-+$", "") : key;
    }
    if (key.isEmpty() || key.length() > KEY_LENGTH || !KEY.matcher(key).matches()) {
      throw DomainException.badRequest("A key is 1 to " + KEY_LENGTH
          + " lower-case ASCII letters, digits and hyphens, not starting or ending with a hyphen: '" + key + "'");
    }
    return key;
  }

  private static String name(String raw, String what) {
    return name(raw, what, NAME_LENGTH);
  }

  private static String name(String raw, String what, int most) {
    if (raw == null) {
      throw DomainException.badRequest("A " + what + " is missing");
    }
    String name;
    try {
      name = TextRules.title(raw, most);
    } catch (DomainException e) {
      throw new DomainException(e.code(), "The " + what + " '" + raw + "' is not 1 to " + most
          + " characters of text");
    }
    return name;
  }

  /** Lower case, without diacritics, đ as d. */
  static String fold(String text) {
    String decomposed = Normalizer.normalize(text.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD);
    return MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT).trim();
  }
}
