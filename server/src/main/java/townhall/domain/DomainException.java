package townhall.domain;

/**
 * An action was refused and changed nothing. Carries the code clients see and, where it applies, when to retry.
 */
public class DomainException extends RuntimeException {
  private final ErrorCode code;
  private final long retryAfterMs;

  public DomainException(ErrorCode code, String message) {
    this(code, message, 0, null);
  }

  public DomainException(ErrorCode code, String message, long retryAfterMs, Throwable cause) {
    super(message, cause, false, false);
    this.code = code;
    this.retryAfterMs = retryAfterMs;
  }

  public ErrorCode code() {
    return code;
  }

  /** Milliseconds after which a retry may succeed; 0 when not known. */
  public long retryAfterMs() {
    return retryAfterMs;
  }

  public static DomainException badRequest(String message) {
    return new DomainException(ErrorCode.BAD_REQUEST, message);
  }

  public static DomainException notFound(String message) {
    return new DomainException(ErrorCode.NOT_FOUND, message);
  }

  public static DomainException forbidden(String message) {
    return new DomainException(ErrorCode.FORBIDDEN, message);
  }

  public static DomainException unavailable(Throwable cause) {
    return new DomainException(ErrorCode.UNAVAILABLE, "Storage is unavailable, retry later", 1000, cause);
  }

  /**
   * The store is full and refuses every change until an operator frees or adds memory; nothing was applied. Clients
   * treat it as {@code unavailable} (retry later with the same ref); the message tells people what is going on.
   */
  public static DomainException storageFull(Throwable cause) {
    return new DomainException(ErrorCode.UNAVAILABLE, "Storage is full, retry later", 5000, cause);
  }
}
