package townhall.domain;

import java.util.Locale;

/**
 * How a question reached the session: {@code app} for a resident's own (from a phone or a browser), the others for a
 * question a clerk entered on behalf of someone who asked at the microphone, on a paper slip, by the hotline, on
 * Zalo, by email or otherwise. The record counts questions by channel (ward minutes say "9 spoken, 1 written").
 */
public enum Channel {
  APP, SPOKEN, PAPER, HOTLINE, ZALO, EMAIL, OTHER;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The channel with this wire name, or {@code null}. */
  public static Channel fromWireName(String name) {
    for (Channel channel : values()) {
      if (channel.wireName().equals(name)) {
        return channel;
      }
    }
    return null;
  }

  /** The channel a clerk's entry may name: any but {@code app}, or {@code null}. */
  public static Channel ofClerkEntry(String name) {
    Channel channel = fromWireName(name);
    return channel == APP ? null : channel;
  }
}
