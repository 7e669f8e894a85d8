package townhall.store.redis;

import io.vertx.core.Future;
import java.util.List;
import townhall.config.TownhallConfig;
import townhall.domain.Participant;
import townhall.domain.Screening;
import townhall.domain.SessionStatus;
import townhall.record.Seals;
import townhall.store.ActionResult;
import townhall.store.ModerationStore;

/** Moderation through {@code moderate.lua} and {@code session_status.lua}. */
public final class RedisModerationStore implements ModerationStore {
  private final LuaScripts scripts;
  private final RedisKeys keys;
  private final long refTtlMs;
  private final int logLength;

  public RedisModerationStore(LuaScripts scripts, RedisKeys keys, TownhallConfig.Limits limits) {
    this.scripts = scripts;
    this.keys = keys;
    this.refTtlMs = limits.refTtl().toMillis();
    this.logLength = limits.eventLogLength();
  }

  @Override
  public Future<ActionResult> moderate(Participant moderator, String ref, String questionId, Change change) {
    String sid = moderator.sessionId();
    Screening found = change.screening() == null ? Screening.NONE : change.screening();
    Seals.Sealing sealing = sealing(questionId, change);
    return scripts.run(LuaScripts.Script.MODERATE,
            List.of(keys.session(sid), keys.events(sid), keys.ref(sid, moderator.id(), ref), keys.audit(sid),
                keys.banned(sid), keys.chain(sid), keys.moderators(sid)),
            keys.base(sid), moderator.id(), questionId, change.action().wireName(), orEmpty(change.text()),
            orEmpty(change.reason()), orEmpty(change.into()), refTtlMs, logLength, keys.channel(sid),
            StoredFlags.flags(found), StoredFlags.marks(found),
            change.category() == null ? "" : change.category().wireName(), change.publishOriginal() ? "1" : "",
            sealing.hashesJson(), sealing.privateJson())
        .map(ActionResults::of);
  }

  @Override
  public Future<ActionResult> changeStatus(Participant moderator, String ref, SessionStatus status) {
    String sid = moderator.sessionId();
    return scripts.run(LuaScripts.Script.SESSION_STATUS,
            List.of(keys.session(sid), keys.events(sid), keys.ref(sid, moderator.id(), ref), keys.audit(sid),
                keys.chain(sid), keys.moderators(sid), keys.questions(sid), keys.identities(sid)),
            moderator.id(), status.wireName(), refTtlMs, logLength, keys.channel(sid), keys.base(sid))
        .map(ActionResults::of);
  }

  /**
   * What the record entry keeps private (docs/record.md): an edit's text, a rejection's or withholding's reason, and
   * whose question a ban was about.
   */
  private static Seals.Sealing sealing(String questionId, Change change) {
    return switch (change.action()) {
      case EDIT -> Seals.sealing().add("text", change.text());
      case REJECT, WITHHOLD -> Seals.sealing().add("reason", change.reason());
      case BAN -> Seals.sealing().add("q", questionId);
      default -> Seals.sealing();
    };
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
