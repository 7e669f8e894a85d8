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
 */
public record Intake(Channel channel, String name, String area, boolean askingNow, boolean namePublic) {

  /** An entry whose name is not public. */
  public Intake(Channel channel, String name, String area, boolean askingNow) {
    this(channel, name, area, askingNow, false);
  }

  /** The longest area, in characters. */
  public static final int AREA_LENGTH = 80;
}
