package townhall.config;

/** A setting is missing or invalid; the message names the key and, where one applies, the variable. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
