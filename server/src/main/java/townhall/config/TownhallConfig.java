package townhall.config;

import java.time.Duration;
import java.util.List;
import townhall.domain.RateLimit;
import townhall.domain.VoteSignals;
import townhall.domain.WordList;

/** Every setting of a node, validated at start-up. Loaded by {@link ConfigLoader}. */
public record TownhallConfig(Server server, Redis redis, Security security, Limits limits, Delivery delivery,
    RateLimits rateLimits, Logging logging, Moderation moderation, Retention retention, MetricsListener metrics,
    Record record, Database database, Organization organization, Mail mail, Inbox inbox, Clerk clerk) {

  /** Every setting but the clerk's, which take their defaults. */
  public TownhallConfig(Server server, Redis redis, Security security, Limits limits, Delivery delivery,
      RateLimits rateLimits, Logging logging, Moderation moderation, Retention retention, MetricsListener metrics,
      Record record, Database database, Organization organization, Mail mail, Inbox inbox) {
    this(server, redis, security, limits, delivery, rateLimits, logging, moderation, retention, metrics, record,
        database, organization, mail, inbox, Clerk.DEFAULTS);
  }

  /** Every setting but the agencies' inbox and the clerk's, which take their defaults. */
  public TownhallConfig(Server server, Redis redis, Security security, Limits limits, Delivery delivery,
      RateLimits rateLimits, Logging logging, Moderation moderation, Retention retention, MetricsListener metrics,
      Record record, Database database, Organization organization, Mail mail) {
    this(server, redis, security, limits, delivery, rateLimits, logging, moderation, retention, metrics, record,
        database, organization, mail, Inbox.DEFAULTS);
  }

  /**
   * The agencies' inbox: reminders to responders from {@code remindDaysBefore} days before the due date and when
   * overdue, looked for by a sweep on every node every {@code reminderInterval} (PostgreSQL claims keep each to once
   * a day); an answer's attachment holds at most {@code attachmentMaxBytes}.
   */
  public record Inbox(int remindDaysBefore, Duration reminderInterval, int attachmentMaxBytes) {
    public static final Inbox DEFAULTS = new Inbox(2, Duration.ofHours(1), 5 * 1024 * 1024);
  }

  /**
   * The clerk's photo of a paper slip: an upload holds at most {@code slipMaxBytes}, an image at most
   * {@code slipMaxPixels} (width times height, read from its header before anything is decoded), and the kept JPEG
   * at most {@code slipMaxSide} pixels on its longest side.
   */
  public record Clerk(int slipMaxBytes, long slipMaxPixels, int slipMaxSide) {
    public static final Clerk DEFAULTS = new Clerk(8 * 1024 * 1024, 50_000_000L, 2000);
  }

  /**
   * HTTP and WebSocket listener. {@code publicUrl} may be empty; {@code allowedOrigins} empty means same origin;
   * {@code drain} is how long a stopping node reports 503 on {@code /health} before it closes its sockets;
   * {@code trustedProxies} are the addresses whose {@code X-Forwarded-For} names the real client;
   * {@code dataDir} is the folder of everything a node keeps on its own disk (generated keys, embedded servers).
   */
  public record Server(String host, int port, String publicUrl, List<String> allowedOrigins, Duration drain,
      List<String> trustedProxies, String dataDir) {

    /** The folder of generated secret material ({@link SecretFiles}): {@code <dataDir>/keys}. */
    public java.nio.file.Path keysDir() {
      return java.nio.file.Path.of(dataDir, "keys");
    }

    /** The folder of built record files, a cache ({@code <dataDir>/records}). */
    public java.nio.file.Path recordsDir() {
      return java.nio.file.Path.of(dataDir, "records");
    }
  }

  /**
   * Where state lives. An empty {@code url} starts an embedded Redis with its files in {@code embeddedDataDir}
   * (by default the node's {@code server.dataDir}).
   */
  public record Redis(String url, String keyPrefix, Duration commandTimeout, String embeddedDataDir) {
    public boolean embedded() {
      return url.isEmpty();
    }
  }

  /**
   * What outlives a session. An empty {@code url} ({@code DATABASE_URL}) starts an embedded PostgreSQL with its files
   * in {@code embeddedDataDir} (by default {@code <server.dataDir>/postgres}); otherwise
   * {@code postgresql://user:password@host:5432/database}. {@code poolSize} connections per node;
   * {@code scheduleInterval}: how often a node opens and closes the sessions that are due.
   */
  public record Database(String url, String embeddedDataDir, int poolSize, Duration scheduleInterval) {
    public boolean embedded() {
      return url.isEmpty();
    }
  }

  /** The root organization created at first start: its URL slug ({@code TOWNHALL_ORGANIZATION_SLUG}). */
  public record Organization(String slug) {
  }

  /**
   * Outgoing email (invitations, password resets). An empty {@code host} sends no email. {@code starttls}: the
   * connection must be upgraded to TLS before anything is sent (port 465 is TLS from the start); {@code username}
   * empty: no SMTP login.
   */
  public record Mail(String host, int port, String from, String username, String password, boolean starttls) {
    public boolean sends() {
      return !host.isEmpty();
    }

    @Override
    public String toString() {
      return "Mail[host=" + host + ", port=" + port + ", from=" + from + ", username=" + username
          + ", password=" + (password.isEmpty() ? "" : "***") + ", starttls=" + starttls + "]";
    }
  }

  /**
   * Secrets; an empty {@code adminToken}, {@code tokenSecret} or {@code addressHashKey} is generated once into
   * {@link Server#keysDir()} ({@link NodeSecrets}). Participant tokens are signed with {@code tokenSecret} and valid
   * for {@code tokenTtl}; tokens signed with one of {@code previousTokenSecrets} are still accepted (never issued),
   * so the secret can be rotated. {@code addressHashKey} keys the hashes of client addresses kept for the vote
   * signals. {@code singleNode}: this node is its deployment's only one, so it may generate missing secrets even
   * with an external Redis (several nodes would each generate different ones). {@code recordKeyFile} is the record
   * key's file (Ed25519, signs records); empty: {@code record-key} generated in {@link Server#keysDir()}.
   */
  public record Security(String adminToken, String tokenSecret, List<String> previousTokenSecrets, Duration tokenTtl,
      String addressHashKey, boolean singleNode, String recordKeyFile) {
  }

  /**
   * The Prometheus endpoint's own listener ({@code GET /metrics}), never the public port: loopback by default.
   * Port 0 picks a free port (tests).
   */
  public record MetricsListener(String host, int port) {
  }

  /** Input limits. */
  public record Limits(int questionLength, int authorLength, int titleLength, int messageBytes,
      int eventLogLength, Duration helloTimeout, Duration refTtl, int badMessagesPerMinute) {
  }

  /**
   * Token buckets enforced in Redis: asks and votes per participant; new identities, join-code misses and new
   * WebSockets and refused {@code Authorization: Bearer} tokens per client address; join-code misses from all
   * addresses together; record downloads per client address; hellos per identity; similar-question searches per
   * client address.
   */
  public record RateLimits(RateLimit asks, RateLimit votes, RateLimit identities, RateLimit codeMisses,
      RateLimit codeMissesAll, RateLimit connections, RateLimit bearerFailures, RateLimit exports,
      RateLimit hellos, RateLimit similar) {
  }

  /**
   * How records are exported: times in the CSV are local to {@code timeZone}; a node keeps the built record files
   * of at most {@code cacheSessions} sessions (under {@code <dataDir>/records}); a record of a session that is not
   * closed (its vote counts still move) is rebuilt when older than {@code liveMaxAge}; the chain is read from the
   * store {@code sliceLinks} links at a time, and folded {@code foldWindow} questions at a time.
   */
  public record Record(java.time.ZoneId timeZone, int cacheSessions, Duration liveMaxAge, int sliceLinks,
      int foldWindow) {
  }

  /**
   * Fan-out and joining: {@code welcomeQuestions} top and newest questions in a welcome, {@code pageSize} questions
   * per page by default, {@code replayLimit} the most events a resume replays, {@code recentEvents} events a node
   * keeps per session, {@code joinsAtOnce} hellos answered at the same time, {@code joinQueue} hellos that may
   * wait for their turn, {@code viewSlice} the most questions one Redis call reads when a node reads a session for
   * its view, {@code countSlice} the most vote counts a node's heartbeat reads per session and
   * {@code pollFramesPerSecond} the poll-results frames per second one session may cost a node before they go out
   * less often than once per tick, {@code stormVoteFramesPerSecond} the same for vote counts during a join or
   * reconnect storm on the node ({@code JoinQueue.storming}).
   */
  public record Delivery(Duration tick, int writeQueueBytes, Duration presenceHeartbeat, Duration pingInterval,
      int welcomeQuestions, int pageSize, int replayLimit, int recentEvents, int joinsAtOnce, int joinQueue,
      int viewSlice, int countSlice, int pollFramesPerSecond, int stormVoteFramesPerSecond) {
  }

  /**
   * How long closed sessions are kept: a session closed more than {@code closedSessionDays} days ago is deleted with
   * everything it holds, by a sweep every {@code sweepInterval} on one node at a time. 0 days keeps them for good.
   */
  public record Retention(int closedSessionDays, Duration sweepInterval) {
    public boolean sweeps() {
      return closedSessionDays > 0;
    }
  }

  /** How log lines are written (set up by {@code Main}; tests keep their own logging configuration). */
  public record Logging(Format format) {
    /** One JSON object per line, for log collectors; or one readable line per record. */
    public enum Format { JSON, TEXT }
  }

  /**
   * Content rules and vote signals. {@code words} are the entries of the word lists named in {@code wordLists}
   * (read and checked at start); {@code holdFlagged}: a flagged question waits for a moderator even in a
   * post-moderated session; addresses on {@code allowedLinkDomains} (and their subdomains) are not flagged as links;
   * {@code signals}: when the vote signals fire.
   */
  public record Moderation(List<String> wordLists, List<WordList.Entry> words, boolean holdFlagged,
      List<String> allowedLinkDomains, VoteSignals.Thresholds signals) {
  }
}
