package townhall.delivery;

import java.util.ArrayList;
import java.util.List;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.Participant;
import townhall.domain.Question;
import townhall.domain.QuestionStatus;
import townhall.domain.Role;

/**
 * Pages through a view's questions for one participant, in one of two orders, so that every question is met
 * exactly once while votes change underneath:
 * <ul>
 *   <li>{@code recent}: newest first, by id; ids never change, so the cursor is the last id given ({@code r<id>});
 *   <li>{@code popular}: most votes first, in an order frozen when the first page was asked for
 *       ({@link PopularOrders}); the cursor names that order and a position in it ({@code p<generation>.<n>}).
 * </ul>
 * A question that was asked after paging began comes as a {@code question} event instead; one that left the
 * participant's sight meanwhile is skipped. Paging may keep to one status: any for moderators, one that every
 * resident sees ({@code live}, {@code answered}, {@code archived}) for the others.
 *
 * <p>Threading: confined to the hub context.
 */
final class QuestionPager {
  static final String POPULAR = "popular";
  static final String RECENT = "recent";

  /** The page's questions and the cursor of the next page ({@code null} after the last). */
  record Result(List<Question> questions, String cursor) {
  }

  Result page(SessionView view, Participant participant, String order, String cursor, int limit, String status) {
    QuestionStatus only = statusOf(participant, status);
    return POPULAR.equals(order) ? popular(view, participant, cursor, limit, only)
        : recent(view, participant, cursor, limit, only);
  }

  private static QuestionStatus statusOf(Participant participant, String status) {
    if (status == null) {
      return null;
    }
    QuestionStatus only;
    try {
      only = QuestionStatus.fromWireName(status);
    } catch (IllegalArgumentException e) {
      throw DomainException.badRequest("Unknown status '" + status + "'");
    }
    // a resident filters what everyone sees (the answered questions, say); the rest only moderators may list
    if (participant.role() != Role.MODERATOR && !only.visibleToResidents()) {
      throw DomainException.forbidden("Only moderators page by status '" + status + "'");
    }
    return only;
  }

  private static Result recent(SessionView view, Participant participant, String cursor, int limit,
      QuestionStatus only) {
    long before = Long.MAX_VALUE;
    if (cursor != null) {
      if (!cursor.startsWith("r")) {
        throw DomainException.badRequest("Not a cursor of this order");
      }
      before = number(cursor.substring(1));
    }
    boolean moderator = participant.role() == Role.MODERATOR;
    List<Question> page = new ArrayList<>(limit);
    Long last = null;
    boolean further = false;
    for (long id : view.newest(only, moderator && only == null, before)) {
      Question q = view.question(Long.toString(id));
      if (q == null || !shows(q, participant, only)) {
        continue;
      }
      if (page.size() == limit) {
        further = true;
        break;
      }
      page.add(q);
      last = id;
    }
    return new Result(page, further ? "r" + last : null);
  }

  private static Result popular(SessionView view, Participant participant, String cursor, int limit,
      QuestionStatus only) {
    PopularOrders.Order order;
    int from;
    if (cursor == null) {
      boolean moderator = participant.role() == Role.MODERATOR;
      String key = only != null ? only.wireName() : moderator ? "all" : "public";
      order = view.popular().fresh(key, System.nanoTime(), () -> key.equals("public")
          ? new ArrayList<>(view.publicByVotes()) : view.byVotes(only));
      from = 0;
    } else {
      int dot = cursor.indexOf('.');
      if (!cursor.startsWith("p") || dot < 0) {
        throw DomainException.badRequest("Not a cursor of this order");
      }
      order = view.popular().find(number(cursor.substring(1, dot)));
      from = (int) Math.min(Integer.MAX_VALUE, number(cursor.substring(dot + 1)));
      if (order == null) {
        throw new DomainException(ErrorCode.CONFLICT, "The order moved on; start again from the first page");
      }
    }
    List<Question> page = new ArrayList<>(limit);
    int at = from;
    List<String> ids = order.ids();
    while (at < ids.size() && page.size() < limit) {
      Question q = view.question(ids.get(at++));
      if (q != null && shows(q, participant, only)) {
        page.add(q);
      }
    }
    return new Result(page, at < ids.size() ? "p" + order.generation() + "." + at : null);
  }

  private static boolean shows(Question q, Participant participant, QuestionStatus only) {
    return only != null ? q.status() == only : q.visibleTo(participant);
  }

  private static long number(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw DomainException.badRequest("Not a cursor");
    }
  }
}
