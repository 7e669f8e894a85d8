package townhall.service;

import io.vertx.core.Future;
import townhall.store.ActionResult;
import townhall.config.TownhallConfig;
import townhall.domain.Channel;
import townhall.domain.ContentRules;
import townhall.domain.DomainException;
import townhall.domain.Intake;
import townhall.domain.NewQuestion;
import townhall.domain.Participant;
import townhall.domain.TextRules;
import townhall.store.DialogueStore;

/**
 * A participant posts a question: the text is checked, normalised and screened by the content rules here, stored
 * and announced by the store (which also tells a repeated question). A flagged question is never refused: it is
 * stored with its flags and, when {@code holdFlagged}, held for a moderator.
 */
public final class AskQuestion {
  private final DialogueStore store;
  private final TownhallConfig.Limits limits;
  private final ContentRules rules;
  private final boolean holdFlagged;

  public AskQuestion(DialogueStore store, TownhallConfig.Limits limits, ContentRules rules, boolean holdFlagged) {
    this.store = store;
    this.limits = limits;
    this.rules = rules;
    this.holdFlagged = holdFlagged;
  }

  /** On whose behalf a clerk enters a question, as sent (checked here). */
  public record OnBehalf(String name, String area, String channel, Boolean askingNow) {
  }

  public Future<ActionResult> ask(Participant author, String ref, String text, String authorName) {
    return ask(author, ref, text, authorName, null);
  }

  /**
   * A question, entered by a clerk when {@code onBehalf} is given (the caller checked that the participant is one):
   * its channel must be one a clerk enters ({@code app} is not), the name and area are checked like display names
   * (the area up to {@value Intake#AREA_LENGTH} characters), and {@code askingNow} goes only with a spoken question.
   * A clerk's entry carries no display name of its own: the person's name is the intake's (kept private).
   */
  public Future<ActionResult> ask(Participant author, String ref, String text, String authorName,
      OnBehalf onBehalf) {
    String cleanText;
    String cleanName;
    Intake intake;
    try {
      cleanText = TextRules.questionText(text, limits.questionLength());
      cleanName = TextRules.displayName(authorName, limits.authorLength());
      intake = onBehalf == null ? null : intake(onBehalf);
      if (intake != null && cleanName != null) {
        throw DomainException.badRequest("A clerk's entry puts the person's name in 'onBehalf', not in 'author'");
      }
    } catch (DomainException e) {
      return Future.failedFuture(e);
    }
    return store.ask(author, ref, new NewQuestion(cleanText, cleanName, rules.screen(cleanText),
        ContentRules.fingerprint(cleanText), holdFlagged, intake));
  }

  private Intake intake(OnBehalf onBehalf) {
    Channel channel = Channel.ofClerkEntry(onBehalf.channel());
    if (channel == null) {
      throw DomainException.badRequest(
          "'channel' must be one of spoken, paper, hotline, zalo, email, other");
    }
    boolean askingNow = Boolean.TRUE.equals(onBehalf.askingNow());
    if (askingNow && channel != Channel.SPOKEN) {
      throw DomainException.badRequest("Only a spoken question is being asked now ('askingNow')");
    }
    String area;
    try {
      area = TextRules.displayName(onBehalf.area(), Intake.AREA_LENGTH);
    } catch (DomainException tooLong) {
      throw new DomainException(tooLong.code(), "The area is longer than " + Intake.AREA_LENGTH + " characters");
    }
    return new Intake(channel, TextRules.displayName(onBehalf.name(), limits.authorLength()), area, askingNow);
  }
}
