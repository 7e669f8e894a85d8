package townhall.domain;

import java.util.Locale;

/**
 * Why a question was held for the moderators. Only moderators ever see a question's flags; a flagged question is
 * never deleted by the server.
 */
public enum ContentFlag {
  /** A word or phrase of a word list's profanity section (insults, obscenities). */
  PROFANITY,
  /** A word or phrase of a word list's spam section (gambling, quick loans, "click here"). */
  SPAM,
  /** A web address, {@code www.} or a domain name. */
  LINK,
  /** The same participant asked the same question before (compared without case, diacritics or punctuation). */
  REPEAT;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The flag with this wire name, or {@code null}. */
  public static ContentFlag fromWireName(String name) {
    for (ContentFlag flag : values()) {
      if (flag.wireName().equals(name)) {
        return flag;
      }
    }
    return null;
  }
}
