package townhall.domain;

/** The languages the whole UI exists in; a session names its default. */
public enum Language {
  VI, EN;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Language fromWireName(String name) {
    return valueOf(name.toUpperCase(java.util.Locale.ROOT));
  }
}
