package townhall.domain;

/** Why an action was refused. Each transport maps a code to its own form (an {@code error} frame, an HTTP status). */
public enum ErrorCode {
  BAD_REQUEST("bad_request"),
  UNAUTHORIZED("unauthorized"),
  FORBIDDEN("forbidden"),
  NOT_FOUND("not_found"),
  TOO_LONG("too_long"),
  RATE_LIMITED("rate_limited"),
  CLOSED("closed"),
  CONFLICT("conflict"),
  UNAVAILABLE("unavailable");

  private final String wireName;

  ErrorCode(String wireName) {
    this.wireName = wireName;
  }

  /** The code as clients see it. */
  public String wireName() {
    return wireName;
  }

  /** The code with this wire name. */
  public static ErrorCode fromWireName(String name) {
    for (ErrorCode code : values()) {
      if (code.wireName.equals(name)) {
        return code;
      }
    }
    throw new IllegalArgumentException("Unknown error code: " + name);
  }
}
