package townhall.domain;

/**
 * How a question a clerk entered on behalf of someone came in.
 *
 * @param channel   how the person asked (never {@link Channel#APP})
 * @param name      the person's name, or {@code null}: private (moderators, the clerk, the full record; sealed in
 *                  the public record) until a moderator makes it public ({@code namePublic})
 * @param area      where the person lives (a residential group, free text), or {@code null}: public
 * @param askingNow whether the person is asking it at the microphone right now (a spoken question): moderators see
 *                  it flagged so that they can approve it and put it on stage at once
 * @param namePublic whether a moderator made the name public ({@link ModerationAction#PUBLISH_NAME})
 * @param slip      the SHA-256 of the photo of the paper slip the clerk attached (the kept JPEG), or {@code null}:
 *                  moderators and the clerk see that there is one; the photo is private until a moderator publishes
 *                  it ({@code slipPublic}, {@link ModerationAction#PUBLISH_SLIP})
 * @param slipPublic whether a moderator published that photo
 */
public record Intake(Channel channel, String name, String area, boolean askingNow, boolean namePublic, String slip,
    boolean slipPublic) {

  /** An entry without a photo of its slip. */
  public Intake(Channel channel, String name, String area, boolean askingNow, boolean namePublic) {
    this(channel, name, area, askingNow, namePublic, null, false);
  }

  /** An entry whose name is not public. */
  public Intake(Channel channel, String name, String area, boolean askingNow) {
    this(channel, name, area, askingNow, false);
  }

  /** The longest area, in characters. */
  public static final int AREA_LENGTH = 80;
}
