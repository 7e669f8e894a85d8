package townhall.service;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import townhall.domain.DomainException;
import townhall.domain.FollowedQuestion;
import townhall.domain.Participant;
import townhall.domain.Role;
import townhall.domain.org.CatalogEntry;
import townhall.store.ActionResult;
import townhall.store.CarryOverStore;
import townhall.store.CatalogStore;
import townhall.store.FollowCodeStore;

/**
 * Series carry-over ("Trả lời câu hỏi kỳ trước"): a session of a series shows the open and overdue follow-up items
 * of the earlier sessions of the same series (same organization, same series slug, scheduled to start before it),
 * read from each earlier session's live state while Redis holds it, else from its published archived record; only
 * what the public may see (a question shown to residents, its text not withheld, not merged). An item is open while
 * its latest step waits for an answer ({@code promised}, {@code referred}, {@code referredUp}); overdue once its due
 * date has passed. A moderator of the new session may put an item on stage and mark it answered on stage: the answer
 * is chained onto the earlier question ({@link FollowUps#answerCarriedOver}) and the fact onto the new session's
 * chain ({@link CarryOverStore}).
 */
public final class CarryOver {
  private static final Set<String> OPEN_STEPS = Set.of("promised", "referred", "referredUp");
  private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

  /** One open item: the earlier question and its latest step. */
  public record Item(String sessionId, String sessionTitle, String questionId, String followCode, String text,
      FollowedQuestion.Step latest, boolean overdue) {
  }

  /** The items of a session, overdue first, then by due date; {@code onStage}: the code on stage, or null. */
  public record Items(String series, String onStage, List<Item> items) {
  }

  /** Null on a node without PostgreSQL: no catalog, no series, nothing carried over. */
  private final CatalogStore catalog;
  private final FollowCodeStore live;
  /** Null without PostgreSQL. */
  private final ArchivedQuestions archived;
  private final CarryOverStore stage;
  private final FollowUps followUps;
  private final Clock clock;

  public CarryOver(CatalogStore catalog, FollowCodeStore live, ArchivedQuestions archived, CarryOverStore stage,
      FollowUps followUps, Clock clock) {
    this.catalog = catalog;
    this.live = live;
    this.archived = archived;
    this.stage = stage;
    this.followUps = followUps;
    this.clock = clock;
  }

  /** The session's carried-over items (none when it belongs to no series). */
  public Future<Items> of(String sessionId) {
    if (catalog == null) {
      return Future.succeededFuture(new Items(null, null, List.of()));
    }
    return catalog.find(sessionId).compose(found -> {
      CatalogEntry entry = found.orElse(null);
      if (entry == null || entry.seriesSlug() == null) {
        return Future.succeededFuture(new Items(null, null, List.of()));
      }
      Instant before = entry.scheduledStart() != null ? entry.scheduledStart() : clock.instant();
      return catalog.list(entry.organizationId()).compose(all -> {
        List<CatalogEntry> earlier = all.stream()
            .filter(e -> entry.seriesSlug().equals(e.seriesSlug()) && !e.sessionId().equals(sessionId))
            .filter(e -> e.scheduledStart() != null && e.scheduledStart().isBefore(before))
            .toList();
        List<Future<List<Item>>> reads = new ArrayList<>();
        earlier.forEach(e -> reads.add(itemsOf(e)));
        return Future.all(reads).compose(done -> stage.onStage(sessionId)
            .recover(e -> Future.succeededFuture(null)).map(onStage -> {
              List<Item> items = new ArrayList<>();
              for (int i = 0; i < reads.size(); i++) {
                items.addAll(done.<List<Item>>resultAt(i));
              }
              items.sort(Comparator.comparing((Item item) -> !item.overdue())
                  .thenComparing(item -> item.latest().due() == null ? "9999" : item.latest().due())
                  .thenComparing(Item::followCode));
              return new Items(entry.seriesSlug(), onStage, items);
            }));
      });
    });
  }

  private Future<List<Item>> itemsOf(CatalogEntry earlier) {
    return live.followedIn(earlier.sessionId())
        .compose(found -> found.isPresent() || archived == null
            ? Future.succeededFuture(found.orElse(List.of())) : archived.followedIn(earlier.sessionId()))
        .map(coded -> {
          LocalDate today = LocalDate.now(clock.withZone(VIETNAM));
          List<Item> items = new ArrayList<>();
          for (FollowCodeStore.Coded c : coded) {
            FollowedQuestion q = c.found().question();
            if (!FollowedQuestion.shownToPublic(q.status(), c.found().withheld(), c.found().merged())
                || q.text() == null || q.steps().isEmpty()) {
              continue;
            }
            FollowedQuestion.Step latest = q.steps().get(q.steps().size() - 1);
            if (!OPEN_STEPS.contains(latest.step())) {
              continue;
            }
            boolean overdue = latest.due() != null && LocalDate.parse(latest.due()).isBefore(today);
            items.add(new Item(earlier.sessionId(), earlier.title(), q.id(), c.code(), q.text(), latest, overdue));
          }
          return items;
        });
  }

  /** Puts the item on stage, takes it off, or marks it answered on stage (with what was answered, {@code text}). */
  public Future<ActionResult> act(Participant moderator, String ref, CarryOverStore.Action action, String code,
      String text) {
    if (moderator.role() != Role.MODERATOR) {
      return Future.failedFuture(DomainException.forbidden("Only moderators act on carried-over questions"));
    }
    String sessionId = moderator.sessionId();
    return of(sessionId).compose(items -> {
      // no such open item: the script answers a repeated ref as before, anything else not_found (unstage aside)
      Optional<Item> item = items.items().stream().filter(i -> i.followCode().equals(code)).findFirst();
      String earlierSession = item.map(Item::sessionId).orElse("");
      String questionId = item.map(Item::questionId).orElse("");
      if (action != CarryOverStore.Action.ANSWERED || item.isEmpty()) {
        return stage.change(sessionId, moderator.id(), ref, action, code, earlierSession, questionId);
      }
      return followUps.answerCarriedOver(earlierSession, questionId, moderator.id(), sessionId + ":" + ref, text)
          .compose(answered -> stage.change(sessionId, moderator.id(), ref, action, code, earlierSession,
              questionId));
    });
  }
}
