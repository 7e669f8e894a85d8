package townhall.domain.record;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The public follow-up tracker's figures, from published records alone (docs/record.md, "The public tracker"): the
 * open items (most overdue first) and, per agency, the items answered on time, answered late, open, overdue (of the
 * open ones) and closed, with the askers' satisfaction. An item counts for the agency it stands referred to, or for
 * its session's own organization when it was never referred (a promise of the organization itself). Each item's
 * state is {@link FollowUpState}'s. The choices offered by the filters are taken from every item, filtered or not.
 */
public final class TrackerFigures {

  /** What the reader narrows to; {@code null} fields narrow nothing. */
  public record Filter(String session, String series, String agency, String topic) {
    public static final Filter NONE = new Filter(null, null, null, null);
  }

  /** An open item, as the tracker lists it. */
  public record OpenItem(TrackedSession session, TrackedSession.Item item, String step, String agency, String due,
      long daysOverdue) {
  }

  /** The counts of one agency (or of all: the totals). */
  public record Counts(String agency, int answeredOnTime, int answeredLate, int open, int overdue, int closed,
      int satisfied, int notSatisfied) {

    /** Satisfied askers over all who rated, or {@code null} when nobody rated. */
    public Double satisfactionRate() {
      int rated = satisfied + notSatisfied;
      return rated == 0 ? null : (double) satisfied / rated;
    }

    Counts plus(FollowUpState.Kind kind, boolean overdue, QuestionRecord.Satisfaction satisfaction) {
      return new Counts(agency, answeredOnTime + (kind == FollowUpState.Kind.ANSWERED_ON_TIME ? 1 : 0),
          answeredLate + (kind == FollowUpState.Kind.ANSWERED_LATE ? 1 : 0),
          open + (kind == FollowUpState.Kind.OPEN ? 1 : 0), this.overdue + (overdue ? 1 : 0),
          closed + (kind == FollowUpState.Kind.CLOSED ? 1 : 0), satisfied + satisfaction.satisfied(),
          notSatisfied + satisfaction.notSatisfied());
    }

    static Counts zero(String agency) {
      return new Counts(agency, 0, 0, 0, 0, 0, 0, 0);
    }
  }

  /** What the filters may choose from: sessions (id -> title), series (key -> title), agencies, topics. */
  public record Choices(Map<String, String> sessions, Map<String, String> series, List<String> agencies,
      List<String> topics) {
  }

  /** The tracker's content. */
  public record Figures(List<OpenItem> open, List<Counts> agencies, Counts totals, Choices choices) {
  }

  private TrackerFigures() {
  }

  /** The figures of {@code sessions} on {@code today} (the organization's date), narrowed by {@code filter}. */
  public static Figures of(List<TrackedSession> sessions, Filter filter, LocalDate today, ZoneId zone) {
    List<OpenItem> open = new ArrayList<>();
    Map<String, Counts> agencies = new TreeMap<>();
    Counts totals = Counts.zero(null);
    Map<String, String> sessionChoices = new LinkedHashMap<>();
    Map<String, String> seriesChoices = new TreeMap<>();
    TreeSet<String> agencyChoices = new TreeSet<>();
    TreeSet<String> topicChoices = new TreeSet<>();
    for (TrackedSession session : sessions) {
      for (TrackedSession.Item item : session.items()) {
        String agency = agencyOf(session, item);
        sessionChoices.put(session.sessionId(), session.title());
        if (session.seriesKey() != null) {
          seriesChoices.put(session.seriesKey(), session.seriesTitle());
        }
        agencyChoices.add(agency);
        if (item.topic() != null) {
          topicChoices.add(item.topic());
        }
        if (!matches(filter, session, item, agency)) {
          continue;
        }
        FollowUpState.Kind kind = FollowUpState.kind(item.steps(), zone);
        long days = kind == FollowUpState.Kind.OPEN ? FollowUpState.daysOverdue(item.steps(), today) : 0;
        boolean overdue = days > 0;
        agencies.put(agency, agencies.getOrDefault(agency, Counts.zero(agency))
            .plus(kind, overdue, item.satisfaction()));
        totals = totals.plus(kind, overdue, item.satisfaction());
        if (kind == FollowUpState.Kind.OPEN) {
          open.add(new OpenItem(session, item, item.steps().get(item.steps().size() - 1).step(), agency,
              FollowUpState.due(item.steps()), days));
        }
      }
    }
    open.sort(Comparator.comparingLong(OpenItem::daysOverdue).reversed()
        .thenComparing(o -> o.due() == null ? "9999-12-31" : o.due())
        .thenComparing(o -> o.session().sessionId()).thenComparing(o -> o.item().questionId(), TrackerFigures::byNumber));
    return new Figures(List.copyOf(open), List.copyOf(agencies.values()), totals,
        new Choices(sessionChoices, seriesChoices, List.copyOf(agencyChoices), List.copyOf(topicChoices)));
  }

  /** The agency an item counts for: the one it stands referred to, else its session's organization. */
  public static String agencyOf(TrackedSession session, TrackedSession.Item item) {
    String agency = FollowUpState.agency(item.steps());
    return agency == null ? session.organization() : agency;
  }

  private static boolean matches(Filter filter, TrackedSession session, TrackedSession.Item item, String agency) {
    return (filter.session() == null || filter.session().equals(session.sessionId()))
        && (filter.series() == null || filter.series().equals(session.seriesKey()))
        && (filter.agency() == null || filter.agency().equals(agency))
        && (filter.topic() == null || filter.topic().equals(item.topic()));
  }

  /** Question ids are numbers written as text: "2" before "10". */
  private static int byNumber(String a, String b) {
    return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
  }
}
