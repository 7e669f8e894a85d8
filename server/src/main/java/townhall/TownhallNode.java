package townhall;

import io.vertx.core.Context;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.backends.BackendRegistries;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.logging.Logger;
import townhall.bus.redis.RedisSessionFeed;
import townhall.config.NodeSecrets;
import townhall.config.SecretFiles;
import townhall.config.TownhallConfig;
import townhall.delivery.CoalescingPollAnnouncer;
import townhall.delivery.CoalescingVoteAnnouncer;
import townhall.delivery.DeliverySettings;
import townhall.delivery.JoinQueue;
import townhall.delivery.Eviction;
import townhall.delivery.LocalHub;
import townhall.domain.ContentRules;
import townhall.export.ArchivedChains;
import townhall.export.RecordArchiver;
import townhall.export.RecordExports;
import townhall.export.TrackedRecords;
import townhall.http.Bearers;
import townhall.http.ClientAddresses;
import townhall.http.HealthRoute;
import townhall.http.HomeRoutes;
import townhall.http.SessionOrganizers;
import townhall.http.HomeServices;
import townhall.http.MetricsServer;
import townhall.http.Pages;
import townhall.http.RecordRoutes;
import townhall.http.SimilarRoutes;
import townhall.http.StreamRoutes;
import townhall.http.ClassificationRoutes;
import townhall.similar.lucene.LuceneTopicSuggester;
import townhall.similar.lucene.LuceneWordCloud;
import townhall.record.RecordKeys;
import townhall.record.RecordSignatures;
import townhall.http.SessionRoutes;
import townhall.metrics.DuplicateGaugeWarning;
import townhall.logging.LogLine;
import townhall.mail.Mailer;
import townhall.mail.smtp.SmtpMailer;
import townhall.metrics.Metrics;
import townhall.protocol.MessageCodec;
import townhall.server.ServerVerticle;
import townhall.service.Access;
import townhall.service.AnswerPoll;
import townhall.service.AskQuestion;
import townhall.service.CarryOver;
import townhall.service.Catalog;
import townhall.service.Organizations;
import townhall.service.PasswordResets;
import townhall.service.Passwords;
import townhall.service.ScheduleSessions;
import townhall.service.SignIns;
import townhall.store.AuditLog;
import townhall.similar.lucene.LuceneSimilarIndexes;
import townhall.store.RateLimiter;
import townhall.store.pg.PgBackend;
import townhall.service.CastVote;
import townhall.service.ChangeSessionStatus;
import townhall.service.FollowQuestion;
import townhall.service.FollowUpTracker;
import townhall.service.FollowUps;
import townhall.service.Classifications;
import townhall.service.ClassifyAfterSession;
import townhall.service.ClassifyQuestion;
import townhall.service.AgencyInbox;
import townhall.service.InboxProjection;
import townhall.service.InboxReminders;
import townhall.export.InboxRebuild;
import townhall.image.SlipImages;
import townhall.service.FollowLinks;
import townhall.service.FollowSubscriptions;
import townhall.service.RateAnswer;
import townhall.notify.email.EmailFollowUpNotifier;
import townhall.service.CheckToken;
import townhall.service.DeleteSession;
import townhall.service.IssueLinkToken;
import townhall.service.JoinSession;
import townhall.service.LookUpJoinCode;
import townhall.service.ModerateQuestion;
import townhall.service.PublishRecord;
import townhall.service.RandomIds;
import townhall.service.RecordArchive;
import townhall.service.ReadRecord;
import townhall.service.ReadSignals;
import townhall.service.RunPolls;
import townhall.service.RevokeTokens;
import townhall.service.RecordIdentity;
import townhall.service.SessionService;
import townhall.service.SlipPhotos;
import townhall.service.OrgEmbedding;
import townhall.service.StreamLinks;
import townhall.service.SweepClosedSessions;
import townhall.service.Tokens;
import townhall.service.WithdrawQuestion;
import townhall.store.redis.RedisBackend;
import townhall.store.redis.RedisEventLog;
import townhall.store.redis.RedisSessionStore;
import townhall.ws.Dispatcher;
import townhall.ws.WebSocketGateway;

/**
 * One running Townhall node: its own Vert.x, its Redis connections, the hub and the HTTP/WebSocket listeners.
 * Wiring only. Several nodes (in one process for tests, or one per process) share state through Redis alone.
 */
public final class TownhallNode {
  private static final Logger LOG = Logger.getLogger(TownhallNode.class.getName());
  /** Worker threads that build, change and search the sessions' similar-questions indexes. */
  private static final int SIMILAR_WORKERS = 2;
  /** How many ports the node chooses for its public server before it gives up ({@link #listenPublic}). */
  private static final int PUBLIC_PORT_ATTEMPTS = 5;
  /** The key file that signs askers' unsubscribe and rating links ({@link FollowLinks}). */
  private static final String FOLLOW_LINK_KEY = "follow-link-key";
  /** How often unconfirmed follow-up addresses are looked for. */
  private static final Duration ASKER_SWEEP = Duration.ofMinutes(30);
  private final Vertx vertx;
  private final RedisBackend backend;
  private final LocalHub hub;
  private final RecordExports exports;
  private final AtomicBoolean draining;
  private final int port;
  private final int metricsPort;
  private final String adminToken;
  private final String nodeId;
  private final long sweepTimer;
  /** Null on a node without PostgreSQL. */
  private final PgBackend pg;
  private final String setupToken;
  private final long scheduleTimer;
  private final Mailer mailer;
  private final long reminderTimer;
  private final long askerSweepTimer;

  private TownhallNode(Vertx vertx, RedisBackend backend, LocalHub hub, RecordExports exports,
      AtomicBoolean draining, int port, int metricsPort, String adminToken, String nodeId, long sweepTimer,
      PgBackend pg, String setupToken, long scheduleTimer, Mailer mailer, long reminderTimer, long askerSweepTimer) {
    this.mailer = mailer;
    this.reminderTimer = reminderTimer;
    this.askerSweepTimer = askerSweepTimer;
    this.vertx = vertx;
    this.backend = backend;
    this.hub = hub;
    this.exports = exports;
    this.draining = draining;
    this.port = port;
    this.metricsPort = metricsPort;
    this.adminToken = adminToken;
    this.nodeId = nodeId;
    this.sweepTimer = sweepTimer;
    this.pg = pg;
    this.setupToken = setupToken;
    this.scheduleTimer = scheduleTimer;
  }

  /** A fresh node id ({@code n-} and six random characters), as in {@code /health} and on log lines. */
  public static String newNodeId() {
    return "n-" + new RandomIds().secret(6);
  }

  /**
   * Starts a node with a fresh id against the Redis at {@code redisUrl}. Port 0 picks a free port.
   *
   * @param secrets the node's secrets, already resolved ({@link NodeSecrets#resolve})
   */
  public static Future<TownhallNode> start(TownhallConfig config, String redisUrl, NodeSecrets secrets) {
    return start(config, redisUrl, secrets, newNodeId());
  }

  /** Starts a node named {@code nodeId} (see {@link #newNodeId()}) without PostgreSQL: live sessions only. */
  public static Future<TownhallNode> start(TownhallConfig config, String redisUrl, NodeSecrets secrets,
      String nodeId) {
    return start(config, redisUrl, null, secrets, nodeId);
  }

  /**
   * Starts a node; with a {@code databaseUrl} it first migrates that PostgreSQL and creates the root organization
   * ({@code organization.slug}) if there is none, so the node serves the organization's home too.
   */
  public static Future<TownhallNode> start(TownhallConfig config, String redisUrl, String databaseUrl,
      NodeSecrets secrets, String nodeId) {
    return start(config, redisUrl, databaseUrl, secrets, nodeId, nodeId);
  }

  /**
   * Starts a node as {@link #start(TownhallConfig, String, String, NodeSecrets, String)} does, counting its
   * connections in Redis under {@code presenceId} (a {@link townhall.config.NodeSlot}'s id, which a restarted node
   * takes over, so the count a dead process left behind is replaced instead of added to).
   */
  public static Future<TownhallNode> start(TownhallConfig config, String redisUrl, String databaseUrl,
      NodeSecrets secrets, String nodeId, String presenceId) {
    int eventLoops = Math.max(1, Runtime.getRuntime().availableProcessors());
    Vertx vertx = Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(eventLoops)
        .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setRegistryName(nodeId)
            .setJvmMetricsEnabled(true).setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)))).build();
    DuplicateGaugeWarning.silence();
    Metrics metrics = new Metrics(BackendRegistries.getNow(nodeId));
    Context hubContext = vertx.getOrCreateContext();
    int port;
    RecordKeys recordKeys;
    byte[] followLinkKey;
    try {
      port = config.server().port() == 0 ? freePort() : config.server().port();
      // read (or generated once) before anything runs on an event loop: every record this node builds is signed
      // with it, and its public part is listed at /.well-known/townhall-record-keys
      recordKeys = RecordKeys.load(config.server().keysDir(), config.security().recordKeyFile());
      // signs the unsubscribe and rating links of askers' messages; the same on every node (shared key folder)
      followLinkKey = new SecretFiles(config.server().keysDir()).readOrCreateBytes(FOLLOW_LINK_KEY,
          TownhallNode::randomKey);
    } catch (IOException e) {
      return closeVertx(vertx).transform(ignored -> Future.failedFuture(e));
    }
    CompletableFuture<TownhallNode> started = new CompletableFuture<>();
    RedisBackend.connect(vertx, redisUrl, config.redis(), metrics)
        .compose(backend -> retireRedisSecret(vertx, backend, config)
            .compose(retired -> connectPostgres(vertx, databaseUrl, config)
                .compose(pg -> wire(vertx, hubContext, backend, pg, metrics, config, secrets, nodeId,
                    presenceId, port, eventLoops, recordKeys, followLinkKey)
                    .recover(e -> (pg == null ? Future.<Void>succeededFuture() : pg.close())
                        .transform(ignored -> Future.failedFuture(e)))))
            .recover(e -> backend.close().transform(ignored -> Future.failedFuture(e))))
        .onSuccess(started::complete)
        .onFailure(e -> closeVertx(vertx).onComplete(closed -> started.completeExceptionally(e)));
    return Future.fromCompletionStage(started);
  }

  private static Future<PgBackend> connectPostgres(Vertx vertx, String databaseUrl, TownhallConfig config) {
    return databaseUrl == null ? Future.succeededFuture() : PgBackend.connect(vertx, databaseUrl, config.database());
  }

  /**
   * Versions before the key folder kept the token secret in Redis, where whoever read Redis could sign any token.
   * The first node to start removes it and puts it aside in its key folder ({@value
   * NodeSecrets#RETIRED_REDIS_TOKEN_SECRET}); it is not accepted, so tokens it signed are refused, unless the operator
   * lists it in {@code security.previousTokenSecrets} (docs/operations.md, "Upgrading: the token secret leaves Redis").
   */
  private static Future<Void> retireRedisSecret(Vertx vertx, RedisBackend backend, TownhallConfig config) {
    return backend.legacySecrets().removeTokenSecret().compose(removed -> {
      if (removed.isEmpty()) {
        return Future.succeededFuture();
      }
      SecretFiles files = new SecretFiles(config.server().keysDir());
      return vertx.executeBlocking(() -> files.readOrCreate(NodeSecrets.RETIRED_REDIS_TOKEN_SECRET, removed::get))
          .onSuccess(kept -> LogLine.of(LOG).with("file", files.path(NodeSecrets.RETIRED_REDIS_TOKEN_SECRET)
              .toString()).warning("The token secret older versions kept in Redis was removed from Redis and put"
              + " aside; tokens it signed are refused unless it is listed in security.previousTokenSecrets"))
          .mapEmpty();
    });
  }

  private static Future<TownhallNode> wire(Vertx vertx, Context hubContext, RedisBackend backend, PgBackend pg,
      Metrics metrics, TownhallConfig config, NodeSecrets secrets, String nodeId, String presenceId, int port,
      int eventLoops, RecordKeys recordKeys, byte[] followLinkKey) {
    MessageCodec codec = new MessageCodec();
    String adminToken = secrets.adminToken();
    Tokens tokens = new Tokens(secrets.tokenSecret(), secrets.previousTokenSecrets(), config.security().tokenTtl(),
        Clock.systemUTC());
    LogLine.of(LOG).with("keyId", tokens.keyIds().get(0)).with("acceptedKeyIds", tokens.keyIds())
        .info("Participant tokens signed");
    RandomIds ids = new RandomIds();
    TownhallConfig.Limits limits = config.limits();
    long tickMs = config.delivery().tick().toMillis();

    RedisEventLog eventLog = backend.eventLog(limits.eventLogLength());
    TownhallConfig.Delivery delivery = config.delivery();
    JoinQueue joinQueue = new JoinQueue(delivery.joinsAtOnce(), delivery.joinQueue());
    LocalHub hub = new LocalHub(vertx, hubContext, codec, eventLog, backend.presence(), metrics, presenceId,
        new DeliverySettings(tickMs, delivery.presenceHeartbeat().toMillis(), delivery.welcomeQuestions(),
            delivery.pageSize(),
            // a node replays no more than the log keeps, so a resume is answered alike on every node
            Math.min(delivery.replayLimit(), limits.eventLogLength()), delivery.recentEvents(),
            delivery.viewSlice(), delivery.countSlice(), delivery.pollFramesPerSecond(),
            delivery.stormVoteFramesPerSecond()),
        new LuceneSimilarIndexes(vertx, SIMILAR_WORKERS, LuceneSimilarIndexes.THRESHOLD), joinQueue);
    RedisSessionFeed feed = new RedisSessionFeed(backend, hubContext, hub::onEvent);
    hub.start(feed);
    var rateLimiter = backend.rateLimiter();
    var dialogue = backend.dialogue(limits, config.rateLimits());
    var announcer = new CoalescingVoteAnnouncer(vertx, hubContext, feed, metrics, tickMs);
    var moderation = backend.moderation(limits);
    var polls = backend.polls(limits, config.rateLimits());
    ChangeSessionStatus changeStatus = new ChangeSessionStatus(moderation);
    TownhallConfig.Moderation screening = config.moderation();
    ContentRules rules = new ContentRules(screening.words(), screening.allowedLinkDomains());
    var signals = backend.signals();
    Clock clock = Clock.systemUTC();
    var records = backend.records();
    RecordExports exports = new RecordExports(vertx, new ReadRecord(records), records, rateLimiter,
        config.rateLimits().exports(), config.record(), config.server().recordsDir().resolve(nodeId), clock,
        new RecordSignatures(recordKeys), pg == null ? null : pg.archive());
    RecordArchive archive = pg == null ? null : new RecordArchiver(exports, pg.archive());
    ArchivedChains archivedChains = pg == null ? null
        : new ArchivedChains(vertx, pg.archive(), new RecordSignatures(recordKeys), clock,
            config.record().timeZone());
    InboxProjection inboxProjection = pg == null ? null
        : new InboxProjection(pg.inbox(), backend.followUps(limits), archivedChains, clock);
    Classifications classifications = pg == null ? Classifications.defaults()
        : new Classifications(pg.classifications(), pg.catalog(), new Access(pg.organizations(), pg.catalog()),
            pg.audit());
    FollowQuestion follow = new FollowQuestion(backend.followCodes(), archivedChains, rateLimiter,
        config.rateLimits());
    Mailer mailer = SmtpMailer.of(vertx, config.mail());
    FollowLinks followLinks = new FollowLinks(followLinkKey, config.server().publicUrl());
    FollowSubscriptions askers = new FollowSubscriptions(pg == null ? null : pg.followSubscriptions(), follow,
        new EmailFollowUpNotifier(mailer), followLinks, rateLimiter, ids, clock);
    FollowUps followUps = new FollowUps(backend.followUps(limits), pg == null ? null : pg.catalog(),
        pg == null ? null : pg.organizations(), pg == null ? null : new Access(pg.organizations(), pg.catalog()),
        archivedChains, archive, ids, inboxProjection, askers);
    Dispatcher dispatcher = new Dispatcher(new AskQuestion(dialogue, limits, rules, screening.holdFlagged()),
        new CastVote(dialogue, announcer), new WithdrawQuestion(dialogue),
        new ModerateQuestion(moderation, limits, rules), changeStatus, new ReadSignals(signals, screening.signals()),
        followUps, new ClassifyQuestion(backend.classify(limits), classifications), hub, new RunPolls(polls),
        new AnswerPoll(polls, new CoalescingPollAnnouncer(vertx, hubContext, feed, tickMs), rules,
            new LuceneWordCloud()));
    AtomicBoolean draining = new AtomicBoolean();
    RedisSessionStore sessions = backend.sessions(clock);
    CheckToken checkToken = new CheckToken(tokens, sessions);
    JoinSession joinSession = new JoinSession(tokens, checkToken, ids, rateLimiter,
        config.rateLimits().identities(), config.rateLimits().hellos(),
        new RecordIdentity(signals, secrets.addressHashKey()));
    WebSocketGateway gateway = new WebSocketGateway(vertx, codec, metrics, joinSession, dispatcher, hub,
        joinQueue, config, draining::get, rateLimiter);
    ClientAddresses addresses = new ClientAddresses(config.server().trustedProxies());
    Bearers bearers = new Bearers(checkToken, adminToken, rateLimiter, config.rateLimits().bearerFailures(),
        addresses);
    IssueLinkToken linkTokens = new IssueLinkToken(sessions, tokens, ids);
    SessionService sessionService = new SessionService(sessions, linkTokens, ids, limits);
    if (mailer.sends()) {
      LogLine.of(LOG).with("host", config.mail().host()).with("port", config.mail().port())
          .info("Email is sent through SMTP (invitations, password resets, askers' follow-up)");
    } else {
      LogLine.of(LOG).info("No mail.host: no email is sent; invitation links are shown to the inviter and password"
          + " reset by email is unavailable");
    }
    HomeServices home = pg == null ? null
        : home(vertx, pg, sessionService, changeStatus, rateLimiter, ids, clock, config, mailer, followUps,
            new InboxRebuild(vertx, exports));
    SessionRoutes sessionRoutes = new SessionRoutes(sessionService,
        new LookUpJoinCode(sessionService, rateLimiter, config.rateLimits()), changeStatus, linkTokens,
        home == null ? new DeleteSession(sessions)
            : new DeleteSession(sessions, pg.catalog(), home.access(), pg.audit(), pg.slips()), new RevokeTokens(sessions), bearers, ids, codec, config.server().publicUrl(),
        addresses, home);
    OrgEmbedding orgEmbedding = pg == null ? OrgEmbedding.none()
        : new OrgEmbedding(pg.orgEmbedding(), new Access(pg.organizations(), pg.catalog()), pg.audit());
    StreamRoutes streamRoutes = new StreamRoutes(new StreamLinks(backend.streamSettings(), orgEmbedding),
        orgEmbedding, home, bearers, config.server().publicUrl(), sessionRoutes::findByCode);
    CarryOver carryOver = new CarryOver(pg == null ? null : pg.catalog(), backend.followCodes(), archivedChains,
        backend.carryOver(limits), followUps, clock);
    RateAnswer rateAnswer = new RateAnswer(follow, backend.ratings(limits), archivedChains, archive, checkToken,
        followLinks, rules, ids);
    townhall.store.SlipStore slipStore = pg == null ? null : pg.slips();
    SlipPhotos slips = pg == null ? null : new SlipPhotos(new SlipImages(config.clerk().slipMaxBytes(),
        config.clerk().slipMaxPixels(), config.clerk().slipMaxSide()), slipStore, backend.slipMarks(limits),
        moderation, vertx);
    HomeRoutes homeRoutes = new HomeRoutes(home, addresses, bearers, config.server().publicUrl(), follow,
        carryOver, askers.available() ? askers : null, rateAnswer, slips);
    SimilarRoutes similarRoutes = new SimilarRoutes(sessionService, hub, rateLimiter, config.rateLimits().similar(),
        addresses, limits.questionLength());
    ClassificationRoutes classificationRoutes = new ClassificationRoutes(classifications, sessionService,
        new LuceneTopicSuggester(), home, bearers, config.server().publicUrl(), rateLimiter,
        config.rateLimits().similar(), addresses, limits.questionLength(),
        new ClassifyAfterSession(backend.classify(limits), classifications,
            pg == null ? null : new Access(pg.organizations(), pg.catalog()), archivedChains, archive,
            pg == null ? null : pg.audit(), ids));
    LogLine.of(LOG).with("kid", recordKeys.kid()).with("publishedKeys", recordKeys.published().size())
        .info("Records signed");
    RecordRoutes recordRoutes = new RecordRoutes(exports,
        new PublishRecord(records, pg == null ? null : pg.catalog(), archive, pg == null ? null : pg.slips()), bearers, config.server().publicUrl(),
        addresses, recordKeys.published(), new SessionOrganizers(bearers, home, config.server().publicUrl()));
    HealthRoute health = new HealthRoute(backend.health(), pg == null ? null : pg.health(), nodeId,
        draining::get);
    TownhallConfig.MetricsListener metricsListener = config.metrics();
    Future<String> setupToken = home == null ? Future.succeededFuture()
        : pg.organizations().ensureRoot(home.rootSlug(), home.rootSlug())
            .compose(root -> home.signIns().setupLinkIfNeeded(root)).map(token -> token.orElse(null));
    return setupToken.compose(setup -> MetricsServer.listen(vertx, metricsListener.host(), metricsListener.port(),
            PrometheusScrapingHandler.create(nodeId))
        .recover(e -> Future.failedFuture(new IOException("Cannot listen for /metrics on " + metricsListener.host()
            + ":" + metricsListener.port() + " (setting metrics.port, environment TOWNHALL_METRICS_PORT): "
            + e.getMessage(), e)))
        .compose(metricsServer -> vertx.executeBlocking(Pages::loadWebClient)
        .compose(web -> listenPublic(vertx, config, port, eventLoops, PUBLIC_PORT_ATTEMPTS,
            listening -> new ServerVerticle(listening, sessionRoutes, recordRoutes, homeRoutes, similarRoutes,
                classificationRoutes, health, gateway, web, streamRoutes)))
        .map(listeningOn -> new TownhallNode(vertx, backend, hub, exports, draining, listeningOn,
            metricsServer.actualPort(),
            adminToken, nodeId,
            startSweeps(vertx, config.retention(), new SweepClosedSessions(sessions, backend.leases(),
                Duration.ofDays(config.retention().closedSessionDays()), config.retention().sweepInterval(),
                nodeId, clock, archive, pg == null ? null : pg.slips())), pg, setup,
            pg == null ? -1 : startSchedule(vertx, config.database().scheduleInterval(),
                new ScheduleSessions(pg.catalog(), changeStatus, pg.audit(), clock)), mailer,
            home == null ? -1 : startReminders(vertx, config.inbox().reminderInterval(),
                new InboxReminders(pg.inbox(), pg.organizations(), mailer, clock, config.record().timeZone(),
                    config.inbox().remindDaysBefore(), config.server().publicUrl())),
            askers.available() ? startAskerSweep(vertx, askers) : -1))));
  }

  private static HomeServices home(Vertx vertx, PgBackend pg, SessionService sessions,
      ChangeSessionStatus changeStatus, RateLimiter limiter, RandomIds ids, Clock clock, TownhallConfig config,
      Mailer mailer, FollowUps followUps, InboxRebuild rebuild) {
    Access access = new Access(pg.organizations(), pg.catalog());
    AuditLog audit = pg.audit();
    Passwords passwords = new Passwords(vertx);
    SignIns signIns = new SignIns(pg.accounts(), access, audit, passwords, limiter, ids, clock, mailer);
    return new HomeServices(access, new Organizations(pg.organizations(), access, audit), signIns,
        new Catalog(sessions, pg.catalog(), access, audit, changeStatus, clock), pg.health(),
        config.organization().slug(), new PasswordResets(pg.accounts(), signIns, access, audit, passwords, limiter,
            ids, mailer, config.server().publicUrl(), clock), followUps,
        new FollowUpTracker(access, new TrackedRecords(vertx, pg.tracker(), pg.archive()), pg.tracker(), clock),
        new AgencyInbox(pg.inbox(), access, followUps, rebuild, clock, config.record().timeZone(),
            config.inbox().attachmentMaxBytes()));
  }

  /** Every node looks for reminders to send on its own timer; PostgreSQL claims keep each one to one node. */
  private static long startReminders(Vertx vertx, Duration interval, InboxReminders reminders) {
    return vertx.setPeriodic(interval.toMillis(), id -> reminders.sweep()
        .onSuccess(sent -> {
          if (sent > 0) {
            LogLine.of(LOG).with("reminders", sent).info("Reminders sent to agencies' responders");
          }
        })
        .onFailure(e -> LogLine.of(LOG).warning("Reminder sweep failed; the next one retries", e)));
  }

  /**
   * Deletes the askers' addresses never confirmed in time, every {@link #ASKER_SWEEP}; every node runs it (one
   * DELETE, the same whichever node runs it first); answers the timer.
   */
  private static long startAskerSweep(Vertx vertx, FollowSubscriptions askers) {
    return vertx.setPeriodic(ASKER_SWEEP.toMillis(), id -> askers.sweep()
        .onSuccess(deleted -> {
          if (deleted > 0) {
            LogLine.of(LOG).with("deleted", deleted).info("Follow-up addresses past their time deleted");
          }
        })
        .onFailure(e -> LogLine.of(LOG).warning("Follow-up address sweep failed; the next one retries", e)));
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    return key;
  }

  /** Opens and closes the sessions due, every interval; answers the timer. */
  private static long startSchedule(Vertx vertx, Duration interval, ScheduleSessions schedule) {
    return vertx.setPeriodic(interval.toMillis(), id -> schedule.run()
        .onSuccess(changed -> {
          if (changed > 0) {
            LogLine.of(LOG).with("changed", changed).info("Sessions opened or closed by their schedule");
          }
        })
        .onFailure(e -> LogLine.of(LOG).warning("Schedule round failed; the next one retries", e)));
  }

  /** Runs the retention sweep every interval (one node at a time sweeps: a lease); answers the timer, or -1. */
  private static long startSweeps(Vertx vertx, TownhallConfig.Retention retention, SweepClosedSessions sweep) {
    if (!retention.sweeps()) {
      return -1;
    }
    return vertx.setPeriodic(retention.sweepInterval().toMillis(), id -> sweep.sweep()
        .onSuccess(deleted -> {
          if (deleted > 0) {
            LogLine.of(LOG).with("deleted", deleted).info("Closed sessions past their retention deleted");
          }
        })
        .onFailure(e -> LogLine.of(LOG).warning("Retention sweep failed; the next one retries", e)));
  }

  /**
   * Deploys the public server, one instance per event loop, on {@code port}; answers the port it listens on. A port
   * this node chose ({@code server.port} 0: {@link #freePort}) was free when chosen, but the node's own connections
   * to Redis and PostgreSQL, made since, take ephemeral ports from the same range and may have taken it: then
   * another free port is tried, {@code attempts} in all. A configured port is tried once.
   */
  static Future<Integer> listenPublic(Vertx vertx, TownhallConfig config, int port, int eventLoops,
      int attempts, Function<TownhallConfig, ? extends Deployable> verticle) {
    TownhallConfig listening = withPort(config, port);
    return vertx.deployVerticle(() -> verticle.apply(listening), new DeploymentOptions().setInstances(eventLoops))
        .map(id -> port)
        .recover(e -> {
          if (config.server().port() != 0 || attempts <= 1 || !portTaken(e)) {
            return Future.failedFuture(e);
          }
          LogLine.of(LOG).with("port", port).info("The port chosen for the public server was taken meanwhile;"
              + " choosing another");
          try {
            return listenPublic(vertx, config, freePort(), eventLoops, attempts - 1, verticle);
          } catch (IOException io) {
            return Future.failedFuture(io);
          }
        });
  }

  private static boolean portTaken(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof BindException) {
        return true;
      }
    }
    return false;
  }

  private static TownhallConfig withPort(TownhallConfig config, int port) {
    TownhallConfig.Server s = config.server();
    return new TownhallConfig(new TownhallConfig.Server(s.host(), port, s.publicUrl(), s.allowedOrigins(), s.drain(),
        s.trustedProxies(), s.dataDir()), config.redis(), config.security(), config.limits(), config.delivery(),
        config.rateLimits(), config.logging(), config.moderation(), config.retention(), config.metrics(),
        config.record(), config.database(), config.organization(), config.mail(), config.inbox(), config.clerk());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  public int port() {
    return port;
  }

  /** The port {@code GET /metrics} is served on (never the public one). */
  public int metricsPort() {
    return metricsPort;
  }

  public String adminToken() {
    return adminToken;
  }

  public String nodeId() {
    return nodeId;
  }

  /**
   * The token of the first administrator's one-time setup link ({@code /login#setup=<token>}), when this node made
   * one at start (PostgreSQL, and no administrator of the root yet); otherwise empty.
   */
  public java.util.Optional<String> setupToken() {
    return java.util.Optional.ofNullable(setupToken);
  }

  /** Stops the node at once, without a drain period (tests, and a failed start). */
  public Future<Void> close() {
    return stop(Duration.ZERO);
  }

  /**
   * Stops the node as a deploy wants it: {@code /health} turns 503 and new WebSockets are refused for {@code drain}
   * (so a load balancer takes the node out of rotation), then every socket is closed with 1012 so its client
   * reconnects to another node at once, this node's presence is withdrawn, and Redis and Vert.x are closed.
   */
  public Future<Void> stop(Duration drain) {
    draining.set(true);
    if (sweepTimer >= 0) {
      vertx.cancelTimer(sweepTimer);
    }
    if (scheduleTimer >= 0) {
      vertx.cancelTimer(scheduleTimer);
    }
    if (reminderTimer >= 0) {
      vertx.cancelTimer(reminderTimer);
    }
    if (askerSweepTimer >= 0) {
      vertx.cancelTimer(askerSweepTimer);
    }
    Future<Void> drained = drain.isZero() ? Future.succeededFuture()
        : vertx.timer(drain.toMillis()).mapEmpty();
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    drained
        .compose(ignored -> hub.closeAll(Eviction.RESTARTING))
        .transform(ignored -> hub.stop())
        .transform(ignored -> exports.close())
        .transform(ignored -> backend.close())
        .transform(ignored -> pg == null ? Future.<Void>succeededFuture() : pg.close())
        .transform(ignored -> mailer.close())
        .onComplete(released -> closeVertx(vertx).onComplete(closed -> stopped.complete(null)));
    return Future.fromCompletionStage(stopped);
  }

  /**
   * Closes Vert.x from a thread of its own and answers on that thread, with a future bound to no context (so are
   * the futures {@link #start} and {@link #stop} answer once Vert.x is closing). Called on one of its event loops,
   * {@code close()} binds its answer to that loop, which is gone when the answer comes: it would never arrive, and a
   * shutdown hook would wait for nothing until its timeout.
   */
  private static Future<Void> closeVertx(Vertx vertx) {
    CompletableFuture<Void> closed = new CompletableFuture<>();
    Thread closer = new Thread(() -> vertx.close().onComplete(done -> closed.complete(null)), "townhall-close");
    closer.setDaemon(true);
    closer.start();
    return Future.fromCompletionStage(closed);
  }
}
