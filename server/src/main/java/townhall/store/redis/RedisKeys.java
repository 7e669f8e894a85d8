package townhall.store.redis;

/**
 * Every Redis key and channel name Townhall uses. A session's keys share the hash tag {@code {sessionId}}, so a
 * session lives in one Redis Cluster slot and its scripts may touch all of them.
 *
 * <pre>
 * prefix:{sid}:session          hash    id, code, title, status, moderation, anonymous, locale, maxLength,
 *                                       createdAt, epoch, seq (event counter), qn (question counter),
 *                                       vv (vote version), stage (question on stage), closedAt,
 *                                       publishedAt, cn and ch (the record chain's length and head hash),
 *                                       mn (moderator pseudonym counter), kn (clerk pseudonym counter), gm,
 *                                       gs and gc (the generation of moderator, stage and clerk tokens:
 *                                       older ones are revoked; absent: 0)
 * prefix:{sid}:questions        zset    question ids by number
 * prefix:{sid}:q:(qid)          hash    id, text, author, aid (author's participant id), status, createdAt,
 *                                       votes, vv, answerText, answerAt, mergedInto, flags and marks (content
 *                                       flags, for moderators), frozen; a clerk's entry: ch (channel), area,
 *                                       spk (the speaker's name), now (asked at the microphone) (built in Lua)
 * prefix:{sid}:vt:(qid)         zset    the question's upvotes: participant id -> when its standing upvote was
 *                                       cast, ms; one per participant                  (built in Lua)
 * prefix:{sid}:asked:(pid)      set     fingerprints of the participant's questions     (built in Lua)
 * prefix:{sid}:identities       hash    resident participant id -> "(created at ms):(keyed hash of its address)"
 * prefix:{sid}:ref:(pid):(ref)  string  the first answer to a client's ref, with a TTL
 * prefix:{sid}:events           stream  the event log for resume, entry id (seq)-0, field e = event JSON;
 *                                       trimmed to limits.eventLogLength
 * prefix:{sid}:chain            stream  the record chain, entry id (n)-0, e = entry JSON, h = hash; never
 *                                       trimmed (docs/record.md)
 * prefix:{sid}:moderators       hash    moderator participant id -> pseudonym number in the record
 * prefix:{sid}:clerks           hash    clerk participant id -> pseudonym number in the record (built in Lua)
 * prefix:{sid}:follows          hash    follow-up code -> question id                  (built in Lua)
 * prefix:{sid}:fq               set     ids of the questions with a follow-up step      (built in Lua)
 * prefix:{sid}:fu:(qid)         list    the question's follow-up steps, JSON {at, step, agency, due, note, role}
 * prefix:{sid}:presence         hash    node id -> "(count):(expires at ms)"
 * prefix:{sid}:banned           set     participant ids that may no longer ask or vote
 * prefix:{sid}:stream           hash    url (the stream link), origins (the sites that may embed the widget,
 *                                       space-separated); absent: none          (stream_settings.lua)
 * prefix:{sid}:audit            stream  every moderation step: at, by, action, question, details (JSON)
 * prefix:{sid}:channel          pub/sub every event of the session
 * prefix:{sid}:bucket:(kind):(pid) string a participant's token bucket (kind: ask, answer): "(tokens):(ms of
 *                                       the last refill)"; kind vote: "(ms at which it is full again)" (vote.lua);
 *                                       each expiring when it would be full again
 * prefix:bucket:(name):{(addr)} string  a client address's token bucket (identities, code-misses, connections,
 *                                       bearer-failures), the same
 * prefix:code:(code)            string  session id of a join code
 * prefix:follow:(code)          string  session id of a question's follow-up code (reserved before the ask)
 * prefix:sessions               zset    every session id, by when it was registered (ms): the retention index
 * prefix:lock:(name)            string  a lease held by one node (owner id), with an expiry
 * prefix:secret:tokens          string  where older versions kept the token secret; removed at start
 * </pre>
 */
public final class RedisKeys {
  private final String prefix;

  public RedisKeys(String prefix) {
    this.prefix = prefix;
  }

  /** The start of every key of the session; scripts append per-question suffixes to it. */
  public String base(String sessionId) {
    return prefix + ":{" + sessionId + "}:";
  }

  public String session(String sessionId) {
    return base(sessionId) + "session";
  }

  /** The session's poll ids by number (zset); each poll's keys are {@code <base>p:<id>}, {@code pa:}, ... */
  public String polls(String sessionId) {
    return base(sessionId) + "polls";
  }

  public String questions(String sessionId) {
    return base(sessionId) + "questions";
  }

  public String events(String sessionId) {
    return base(sessionId) + "events";
  }

  public String chain(String sessionId) {
    return base(sessionId) + "chain";
  }

  public String moderators(String sessionId) {
    return base(sessionId) + "moderators";
  }

  /** The session's follow-up codes: code -> question id. */
  public String follows(String sessionId) {
    return base(sessionId) + "follows";
  }

  /** The session a follow-up code belongs to (installation-wide, so outside every session's slot). */
  /** The ids of the session's questions on which a follow-up step was taken ({@code follow_up.lua}). */
  public String followed(String sessionId) {
    return base(sessionId) + "fq";
  }

  public String follow(String code) {
    return prefix + ":follow:" + code;
  }

  /** The session's livestream settings: url, origins. */
  public String stream(String sessionId) {
    return base(sessionId) + "stream";
  }

  /** A SCAN pattern that matches every key of the session, and no other. */
  public String allOf(String sessionId) {
    return base(sessionId) + "*";
  }

  /** The index of every session, for the retention sweeper. */
  public String sessionIndex() {
    return prefix + ":sessions";
  }

  public String lock(String name) {
    return prefix + ":lock:" + name;
  }

  public String presence(String sessionId) {
    return base(sessionId) + "presence";
  }

  public String identities(String sessionId) {
    return base(sessionId) + "identities";
  }

  public String banned(String sessionId) {
    return base(sessionId) + "banned";
  }

  public String audit(String sessionId) {
    return base(sessionId) + "audit";
  }

  public String ref(String sessionId, String participantId, String ref) {
    return base(sessionId) + "ref:" + participantId + ":" + ref;
  }

  public String channel(String sessionId) {
    return base(sessionId) + "channel";
  }

  /** The session id of one of our channels, or {@code null} for any other channel. */
  public String sessionOfChannel(String channel) {
    String start = prefix + ":{";
    String end = "}:channel";
    if (!channel.startsWith(start) || !channel.endsWith(end)) {
      return null;
    }
    return channel.substring(start.length(), channel.length() - end.length());
  }

  /**
   * A participant's bucket for one kind of action ({@code ask}, {@code vote}), in the session's slot. Buckets are
   * strings under {@code bucket:}; versions that kept them as hashes used {@code rate:}, so during a rolling restart
   * a node of each version keeps its own buckets instead of failing on the other's (WRONGTYPE); those expire.
   */
  public String participantRate(String sessionId, String kind, String participantId) {
    return base(sessionId) + "bucket:" + kind + ":" + participantId;
  }

  /** A client address's bucket (the address is the hash tag: its buckets share a slot). */
  public String addressRate(String bucket, String address) {
    return prefix + ":bucket:" + bucket + ":{" + address + "}";
  }

  public String code(String code) {
    return prefix + ":code:" + code;
  }

  /** Where versions before the key folder kept the token secret (removed at start, never written). */
  public String legacyTokenSecret() {
    return prefix + ":secret:tokens";
  }
}
