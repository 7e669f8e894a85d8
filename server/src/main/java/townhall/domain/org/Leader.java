package townhall.domain.org;

import townhall.domain.DomainException;

/** One of the people who will answer at a session: a name and a title ("Chủ tịch UBND phường"). */
public record Leader(String name, String title) {
  public static final int NAME_LENGTH = 200;
  public static final int TITLE_LENGTH = 200;
  /** At most this many leaders per session. */
  public static final int MAX = 20;

  public Leader {
    name = clean(name, "name", NAME_LENGTH);
    title = clean(title == null ? "" : title, "title", TITLE_LENGTH);
    if (name.isEmpty()) {
      throw DomainException.badRequest("A leader's 'name' is required");
    }
  }

  private static String clean(String value, String field, int max) {
    if (value == null) {
      throw DomainException.badRequest("A leader's '" + field + "' is required");
    }
    String text = value.strip();
    if (text.length() > max || text.chars().anyMatch(Character::isISOControl)) {
      throw DomainException.badRequest("A leader's '" + field + "' holds at most " + max
          + " characters, no control codes");
    }
    return text;
  }
}
