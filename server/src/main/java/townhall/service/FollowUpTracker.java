package townhall.service;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import townhall.domain.org.Organization;
import townhall.domain.record.TrackedSession;
import townhall.domain.record.TrackerFigures;
import townhall.store.TrackerStore;

/**
 * The public follow-up tracker of an organization ({@code /o/{slug}/follow-up}): the open items and the figures per
 * agency of the published records of the organization and those below it, on today's date in the organization's
 * time zone. Public: it shows only what the published records show.
 */
public final class FollowUpTracker {
  private static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

  private final Access access;
  private final PublishedFollowUps records;
  private final TrackerStore store;
  private final Clock clock;

  public FollowUpTracker(Access access, PublishedFollowUps records, TrackerStore store, Clock clock) {
    this.access = access;
    this.records = records;
    this.store = store;
    this.clock = clock;
  }

  /**
   * The tracker's content.
   *
   * @param today the organization's date the figures are for
   * @param names organizations' names by slug (the agencies and the sessions' organizations)
   */
  public record Tracker(Organization organization, LocalDate today, ZoneId zone, TrackerFigures.Filter filter,
      TrackerFigures.Figures figures, List<TrackedSession> sessions, Map<String, String> names) {
  }

  /** The tracker of the organization named {@code slug}, narrowed by {@code filter}; not_found for no such one. */
  public Future<Tracker> of(String slug, TrackerFigures.Filter filter) {
    return access.organization(slug).compose(org -> records.below(org.id()).compose(sessions -> {
      ZoneId zone = zoneOf(org);
      LocalDate today = LocalDate.now(clock.withZone(zone));
      TrackerFigures.Figures figures = TrackerFigures.of(sessions, filter, today, zone);
      TreeSet<String> slugs = new TreeSet<>(figures.choices().agencies());
      sessions.forEach(s -> slugs.add(s.organization()));
      return store.names(slugs).map(names -> new Tracker(org, today, zone, filter, figures, sessions, names));
    }));
  }

  private static ZoneId zoneOf(Organization org) {
    if (org.timeZone() == null) {
      return DEFAULT_ZONE;
    }
    try {
      return ZoneId.of(org.timeZone());
    } catch (DateTimeException e) {
      return DEFAULT_ZONE;
    }
  }
}
