package townhall.domain;

import java.util.List;

/**
 * A poll of a session. {@code options} are the choices of a single or multiple choice poll (empty for the other
 * kinds); {@code max} how many of them one answer may pick (1 for single choice, 0 when it does not apply);
 * {@code hidden} keeps the results from everyone but the moderators until the poll is closed. {@code openedAt} and
 * {@code closedAt} are 0 until it happens. {@code results} are the results as of the poll's last change; the
 * newest come coalesced as {@link SessionEvent.PollResultsChanged}.
 */
public record Poll(String id, PollKind kind, String question, List<String> options, int max, boolean hidden,
    PollStatus status, long createdAt, long openedAt, long closedAt, PollResults results) {

  public Poll {
    options = List.copyOf(options);
  }

  /** Whether a participant of this role may see the poll at all: residents and the stage not while it is a draft. */
  public boolean visibleTo(Role role) {
    return role == Role.MODERATOR || status != PollStatus.DRAFT;
  }

  /** Whether a participant of this role may see the results: moderators always, others unless hidden until close. */
  public boolean resultsVisibleTo(Role role) {
    return role == Role.MODERATOR || (status != PollStatus.DRAFT && (!hidden || status == PollStatus.CLOSED));
  }

  /** How many counts the results hold: the options, the five ratings, none for a text poll. */
  public int countSlots() {
    return switch (kind) {
      case SINGLE, MULTIPLE -> options.size();
      case RATING -> PollKind.MAX_RATING;
      case TEXT -> 0;
    };
  }

  /** The same poll with newer results (kept when {@code newer} is not newer). */
  public Poll withResults(PollResults newer) {
    if (results != null && newer.version() <= results.version()) {
      return this;
    }
    return new Poll(id, kind, question, options, max, hidden, status, createdAt, openedAt, closedAt, newer);
  }

  static long number(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
