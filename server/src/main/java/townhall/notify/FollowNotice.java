package townhall.notify;

/**
 * One message to one asker about one question, identified by its public follow-up code. Holds the address it goes to
 * ({@code to}): never logged ({@link #toString()} leaves it out), never stored anywhere but the subscriptions table.
 */
public sealed interface FollowNotice {

  /** The address: an email address for the email sender. */
  String to();

  /** {@code vi} or {@code en}. */
  String language();

  /** The question's follow-up code, e.g. {@code BN-4K7Q}. */
  String code();

  /** Asks the asker to confirm their address by opening {@code confirmLink} (the token after {@code #}). */
  record Confirmation(String to, String language, String code, String confirmLink) implements FollowNotice {
    @Override
    public String toString() {
      return "Confirmation[code=" + code + "]";
    }
  }

  /**
   * A step of the follow-up, or the written answer (step {@code answered}, {@code answer} its text).
   *
   * @param step            the step's wire name ({@code promised}, {@code referred}, {@code referredUp},
   *                        {@code noted}, {@code outOfRemit}, {@code answered}), or {@code answeredOnStage} (the
   *                        moderation action {@code answer} during the session)
   * @param agency          the agency's slug, or {@code null}
   * @param due             {@code YYYY-MM-DD}, or {@code null}
   * @param note            the step's public note, or {@code null}
   * @param answer          the answer's text ({@code answered}; {@code answeredOnStage}: empty when it was given
   *                        aloud only), else {@code null}
   * @param followLink      the public page of the question
   * @param unsubscribeLink stops these messages (a token after {@code #})
   * @param rateLink        with an answer: where the asker rates it (a signed token after {@code #}), else
   *                        {@code null}
   * @param last            the follow-up ended with this step: no more messages, the address is deleted
   */
  record Step(String to, String language, String code, String step, String agency, String due, String note,
      String answer, String followLink, String unsubscribeLink, String rateLink, boolean last)
      implements FollowNotice {
    @Override
    public String toString() {
      return "Step[code=" + code + ", step=" + step + "]";
    }
  }
}
