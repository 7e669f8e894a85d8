package townhall.protocol;

import townhall.domain.Participant;
import townhall.domain.Role;

/**
 * Which form of a question a participant receives: every resident the public form; the question's author also its
 * private details (the rejection reason, the author's tag); moderators also its content flags.
 */
public enum Audience {
  PUBLIC, AUTHOR, MODERATOR;

  /**
   * @param privateRecipient whether the participant may see the question's private details (moderators always may)
   */
  public static Audience of(Participant participant, boolean privateRecipient) {
    if (participant.role() == Role.MODERATOR) {
      return MODERATOR;
    }
    return privateRecipient ? AUTHOR : PUBLIC;
  }
}
