package townhall.domain.org;

/** What a person may be allowed to do in an organization (and, by inheritance, in those below it). */
public enum OrgAction {
  /** Create organizations below this one. */
  MANAGE_ORGANIZATIONS,
  /** Invite people and grant them any role. */
  MANAGE_PEOPLE,
  /** Invite the people who run a session with the organizer: moderators and clerks. */
  INVITE_SESSION_STAFF,
  /** Create, schedule, edit, close and publish sessions; hand out their links. */
  MANAGE_SESSIONS,
  /** Moderate a session's questions. */
  MODERATE,
  /** Enter spoken and paper questions. */
  ENTER_QUESTIONS,
  /** Answer the questions referred to an agency. */
  RESPOND,
  /** Read who did what. */
  READ_AUDIT,
  /** Delete a session with everything it holds. */
  DELETE_SESSIONS;

  /** The name the home's pages see ({@code manage_sessions}). */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
