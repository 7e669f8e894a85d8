package townhall.protocol;

/**
 * A message from a client, decoded and checked for shape by {@link MessageCodec}. Content rules (lengths,
 * characters, permissions) are checked by the services.
 */
public sealed interface ClientMessage {

  ClientType type();

  <R> R accept(Visitor<R> visitor);

  /** The client's id for an action, echoed in the answer; {@code null} for messages without one. */
  default String ref() {
    return null;
  }

  /** Must come first. {@code token}, {@code since} and {@code epoch} may be {@code null}. */
  record Hello(String token, Long since, String epoch) implements ClientMessage {
    public ClientType type() {
      return ClientType.HELLO;
    }

    public <R> R accept(Visitor<R> visitor) {
      return visitor.hello(this);
    }
  }

  /**
   * Post a question; {@code author} {@code null} for anonymous. {@code onBehalf} is a clerk's entry for someone
   * else (only a clerk sends it, and a clerk always does), {@code null} otherwise.
   */
  record Ask(String ref, String text, String author, OnBehalf onBehalf) implements ClientMessage {
    /** A participant's own question. */
    public Ask(String ref, String text, String author) {
      this(ref, text, author, null);
    }

    public ClientType type() {
      return ClientType.ASK;
    }

    public <R> R accept(Visitor<R> visitor) {
      return visitor.ask(this);
    }
  }

  /**
   * On whose behalf a clerk enters a question: the person's name ({@code null}: not given; private unless a
   * moderator makes it public), their area ({@code null}: not given), the channel they asked by ({@code spoken},
   * {@code paper}, {@code hotline}, {@code zalo}, {@code email}, {@code other}) and, for a spoken question, whether
   * it is being asked at the microphone now ({@code askingNow}; {@code null} reads as false). Checked by the service.
   */
  record OnBehalf(String name, String area, String channel, Boolean askingNow) {
  }

  /** Upvote ({@code up} true) or take the upvote back. */
  record Vote(String ref, String questionId, boolean up) implements ClientMessage {
    public ClientType type() {
      return ClientType.VOTE;
    }

    public <R> R accept(Visitor<R> visitor) {
      return visitor.vote(this);
    }
  }

  /** The author takes back their question. */
  record Withdraw(String ref, String questionId) implements ClientMessage {
    public ClientType type() {
      return ClientType.WITHDRAW;
    }

    public <R> R accept(Visitor<R> visitor) {
      return visitor.withdraw(this);
    }
  }

  /**
   * A moderator acts on a question; {@code text}, {@code reason}, {@code into} as the action needs. {@code category}
   * (reject, withhold: a {@code TextCategory} wire name, {@code null} when not given) says why;
   * {@code publishOriginal} (edit: {@code true} when the wording the edit replaces may be public in the record,
   * {@code null} when not given). {@code followUp} takes {@code step} (a {@code FollowUpStep} wire name),
   * {@code agency} (an organization slug), {@code due} ({@code YYYY-MM-DD}) and {@code note} instead.
   */
  record Moderate(String ref, String questionId, String action, String text, String reason, String into,
      String category, Boolean publishOriginal, String step, String agency, String due, String note)
      implements ClientMessage {

    /** A moderation that is not a follow-up step. */
    public Moderate(String ref, String questionId, String action, String text, String reason, String into,
        String category, Boolean publishOriginal) {
      this(ref, questionId, action, text, reason, into, category, publishOriginal, null, null, null, null);
    }

    /** A moderation without a category or a say on the original wording. */
    public Moderate(String ref, String questionId, String action, String text, String reason, String into) {
      this(ref, questionId, action, text, reason, into, null, null, null, null, null, null);
    }

    public ClientType type() {
      return ClientType.MODERATE;
    }

    public <R> R accept(Visitor<R> visitor) {
      return visitor.moderate(this);
    }
  }

  /** A moderator opens, pauses or closes the session. */
  record SessionControl(String ref, String action) implements ClientMessage {
    public ClientType type() {
      return ClientType.SESSION;
    }

    public <R> R accept(Visitor<R> visitor) {
      return visitor.session(this);
    }
  }

  /** A moderator asks for the session's vote signals; answered with {@code signals}. */
  record Signals(String ref) implements ClientMessage {
    public ClientType type() {
      return ClientType.SIGNALS;
    }

    public <R> R accept(Visitor<R> visitor) {
      return visitor.signals(this);
    }
  }

  /**
   * Asks for a page of questions, answered with {@code page}: {@code order} is {@code popular} (most votes first) or
   * {@code recent} (newest first); {@code cursor} is the previous page's (absent: the first page); {@code limit}
   * at most 100 (absent: the server's page size); {@code status} (moderators only) pages the questions of one status.
   */
  record Page(String ref, String order, String cursor, Integer limit, String status) implements ClientMessage {
    public ClientType type() {
      return ClientType.PAGE;
    }

    public <R> R accept(Visitor<R> visitor) {
      return visitor.page(this);
    }
  }

  /**
   * A moderator prepares, opens or closes a poll, or hides one of its text answers: {@code action} is {@code create}
   * (with {@code kind}, {@code question}, {@code options} for single and multiple choice, {@code max} for multiple
   * choice, {@code hidden} to keep the results from residents and the stage until it closes), {@code open},
   * {@code close} (with {@code poll}, its id) or {@code hide} (with {@code poll} and {@code answer}, the number of a
   * text answer). Fields an action does not take are {@code null}.
   */
  record PollAdmin(String ref, String action, String poll, String kind, String question, java.util.List<String> options,
      Integer max, Boolean hidden, Integer answer) implements ClientMessage {
    public ClientType type() {
      return ClientType.POLL;
    }

    public <R> R accept(Visitor<R> visitor) {
      return visitor.poll(this);
    }
  }

  /**
   * A participant answers an open poll, or changes their answer: exactly one of {@code choices} (option indexes from
   * 0, for single and multiple choice), {@code rating} (1 to 5) or {@code text} is given.
   */
  record AnswerPoll(String ref, String poll, java.util.List<Integer> choices, Integer rating, String text)
      implements ClientMessage {
    public ClientType type() {
      return ClientType.ANSWER_POLL;
    }

    public <R> R accept(Visitor<R> visitor) {
      return visitor.answerPoll(this);
    }
  }

  /** Keep-alive; answered with {@code pong}. */
  record Ping() implements ClientMessage {
    public ClientType type() {
      return ClientType.PING;
    }

    public <R> R accept(Visitor<R> visitor) {
      return visitor.ping(this);
    }
  }

  /** One method per message type, so a handler cannot forget one. */
  interface Visitor<R> {
    R hello(Hello hello);

    R ask(Ask ask);

    R vote(Vote vote);

    R withdraw(Withdraw withdraw);

    R moderate(Moderate moderate);

    R session(SessionControl session);

    R signals(Signals signals);

    R page(Page page);

    R ping(Ping ping);

    R poll(PollAdmin poll);

    R answerPoll(AnswerPoll answer);
  }
}
