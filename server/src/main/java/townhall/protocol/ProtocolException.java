package townhall.protocol;

/** A frame that is not a well-formed message; {@code ref} is set when the frame held a readable one. */
public class ProtocolException extends RuntimeException {
  private final String ref;

  public ProtocolException(String message, String ref) {
    super(message, null, false, false);
    this.ref = ref;
  }

  public String ref() {
    return ref;
  }
}
