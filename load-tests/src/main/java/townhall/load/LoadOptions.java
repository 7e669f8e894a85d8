package townhall.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command-line options of the generator, parsed and checked.
 *
 * @param nodes the nodes residents are spread over, round-robin (setup talks to the first)
 * @param adminToken organizer token used to create a fresh session (process 0 only), or {@code null}
 * @param sessionId an existing session to use, or {@code null}
 * @param sessionFile where process 0 writes the session it created, and where the other processes read it, or
 *     {@code null}
 * @param moderatorToken the session's moderator token when the session was not created by this run, or
 *     {@code null}
 * @param residents how many resident sockets this process opens
 * @param voteRate upvotes per second of the whole run (all processes together), all distinct (resident,
 *     question) pairs
 * @param askRate new questions per second of the whole run during the measurement
 * @param durationSeconds length of the measurement
 * @param rampSeconds time over which the residents are connected
 * @param drainSeconds time after the measurement during which late frames are still counted
 * @param connectConcurrency most connection attempts (connect + hello + welcome) in flight at once
 * @param moderators how many moderator sockets this process opens
 * @param moderation {@code post} or {@code pre}: the moderation of the session the run creates or expects
 * @param stage whether this process opens one listening stage client
 * @param share which part of the global schedule this process sends
 * @param startAt epoch milliseconds at which vote 0 is due (shared by all processes), or {@code null}: as soon as
 *     the residents are connected
 * @param pids processes to sample every second, by name
 * @param out where the JSON result is written, or {@code null}
 * @param reportDir where the HTML report is written, or {@code null}
 * @param storm the join storm and the node kill of the run, if any
 */
public record LoadOptions(List<NodeAddress> nodes, String adminToken, String sessionId, Path sessionFile,
    String moderatorToken, int residents, double voteRate, double askRate, double durationSeconds,
    double rampSeconds, double drainSeconds, int connectConcurrency, int moderators, String moderation,
    boolean stage, ProcessShare share, Long startAt, Map<String, Long> pids, Path out, Path reportDir,
    StormOptions storm) {

  private static final Set<String> NAMES = Set.of("url", "admin-token", "session", "session-file",
      "moderator-token", "residents", "vote-rate", "ask-rate", "duration", "ramp", "drain", "connect-concurrency",
      "moderators", "moderation", "stage", "process-index", "process-count", "start-at", "pids", "out", "report",
      "joiners", "join-rate", "join-at", "join-timeout", "questions", "redis", "kill-pid", "kill-node", "kill-at", "page-all");
  private static final Set<String> FLAGS = Set.of("stage", "page-all");

  /** The usage text printed for {@code --help} and after a wrong option. */
  public static final String USAGE = String.join("\n",
      "usage: java -jar townhall-load.jar (--admin-token T | --session ID | --session-file F) [options]",
      "       java -jar townhall-load.jar merge A.json B.json... [--out FILE] [--report DIR]",
      "       java -jar townhall-load.jar floor [--port P] [--tick-ms MS]",
      "  --url URL[,URL...]        node(s), residents spread round-robin (default http://127.0.0.1:8080)",
      "  --admin-token T           organizer token: create a session (process 0 only)",
      "  --session ID              use this existing, open session instead",
      "  --session-file F          process 0 writes the session it created to F; the others wait for it there",
      "  --moderator-token T       the session's moderator token (when this run did not create the session)",
      "  --moderation post|pre     moderation of the session (default post; pre needs --moderators >= 1)",
      "  --residents C             resident sockets of this process (default 100)",
      "  --moderators M            moderator sockets of this process (default 0); in a pre-moderated run",
      "                            process 0's moderators approve every pending question",
      "  --stage                   also open one listening stage client (counted separately)",
      "  --vote-rate R             upvotes per second, all processes together (default 50)",
      "  --ask-rate A              questions per second during the measurement, all processes (default 0.2)",
      "  --duration S              measurement seconds (default 20)",
      "  --ramp S                  seconds over which residents connect (default 5)",
      "  --drain S                 seconds after the measurement still counted (default 5)",
      "  --connect-concurrency N   connection attempts in flight at most (default 200)",
      "  --process-index I         this process's number, 0 to n-1 (default 0)",
      "  --process-count N         generator processes sharing the session (default 1; >1 needs --start-at)",
      "  --start-at MS             epoch milliseconds at which vote 0 is due (the same for every process)",
      "  --pids NAME=PID,...       processes to sample every second (CPU, RSS), e.g. server=1234,redis=5678",
      "  --out FILE                write the result as JSON to FILE",
      "  --report DIR              write the HTML report (index.html and its files) to DIR",
      "join storm (residents who join during the measurement, measured apart from the voters above):",
      "  --joiners N               residents joining during the run, all processes together (default 0)",
      "  --join-rate R             joins per second, open loop, all processes together (default 500)",
      "  --join-at S               seconds after t0 at which joiner 0 is due (default 1)",
      "  --join-timeout S          seconds an attempt may wait for its welcome before it counts as refused",
      "                            (\"timeout\") and is retried (default 60)",
      "  --questions Q             the session holds at least Q questions: process 0 asks the ones the votes",
      "                            do not need first (default 0: only those)",
      "  --redis HOST:PORT         read INFO commandstats and INFO memory of this Redis (process 0) at t0, when",
      "                            the storm has settled and at the end: Redis time per join and per call",
      "  --page-all                process 0: one more resident pages through the whole session (popular order,",
      "                            100 a page) once the storm is in: count, duplicates, time per page",
      "reconnect storm (several nodes; process 0 kills one):",
      "  --kill-pid PID            the pid of the node to kill -9",
      "  --kill-node I             its place in --url (0-based); its residents come back on the next node,",
      "                            or, with one --url, on the same node started again (whoever started it restarts it)",
      "  --kill-at S               seconds after t0 at which it is killed (default 5)");

  /**
   * Parses {@code --name value} (or {@code --name=value}) pairs; {@code --stage} needs no value.
   *
   * @throws IllegalArgumentException with a message fit for the user when an option is unknown or invalid
   */
  public static LoadOptions parse(String[] args) {
    Map<String, String> given = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument: " + arg);
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (FLAGS.contains(name)) {
        value = "true";
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("--" + name + " needs a value");
      }
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name);
      }
      given.put(name, value);
    }
    List<NodeAddress> nodes = new ArrayList<>();
    for (String url : given.getOrDefault("url", "http://127.0.0.1:8080").split(",")) {
      if (!url.isBlank()) {
        nodes.add(NodeAddress.parse(url));
      }
    }
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("--url names no node");
    }
    int processCount = intOption(given, "process-count", 1, 1);
    int processIndex = intOption(given, "process-index", 0, 0);
    if (processIndex >= processCount) {
      throw new IllegalArgumentException("--process-index must be below --process-count");
    }
    ProcessShare share = new ProcessShare(processIndex, processCount);
    Long startAt = given.containsKey("start-at") ? (long) doubleOption(given, "start-at", 0, 1) : null;
    if (processCount > 1 && startAt == null) {
      throw new IllegalArgumentException("several processes need a common --start-at (epoch milliseconds)");
    }
    String adminToken = given.get("admin-token");
    String session = given.get("session");
    Path sessionFile = given.containsKey("session-file") ? Path.of(given.get("session-file")) : null;
    checkSessionSource(share, adminToken, session, sessionFile);
    int residents = intOption(given, "residents", 100, 1);
    int moderators = intOption(given, "moderators", 0, 0);
    String moderation = given.getOrDefault("moderation", "post");
    if (!moderation.equals("post") && !moderation.equals("pre")) {
      throw new IllegalArgumentException("--moderation is post or pre, not " + moderation);
    }
    if (moderation.equals("pre") && share.index() == 0 && moderators == 0) {
      throw new IllegalArgumentException("a pre-moderated run needs --moderators of at least 1 (in process 0)"
          + " to approve the questions");
    }
    boolean stage = booleanOption(given, "stage");
    double voteRate = doubleOption(given, "vote-rate", 50, 0);
    double askRate = doubleOption(given, "ask-rate", 0.2, 0);
    double duration = doubleOption(given, "duration", 20, 0);
    if (duration == 0) {
      throw new IllegalArgumentException("--duration must be greater than 0");
    }
    double ramp = doubleOption(given, "ramp", 5, 0);
    double drain = doubleOption(given, "drain", 5, 0);
    int concurrency = intOption(given, "connect-concurrency", 200, 1);
    Map<String, Long> pids = pidsOption(given.get("pids"));
    Path out = given.containsKey("out") ? Path.of(given.get("out")) : null;
    Path report = given.containsKey("report") ? Path.of(given.get("report")) : null;
    StormOptions storm = stormOptions(given, nodes.size());
    return new LoadOptions(List.copyOf(nodes), adminToken, session, sessionFile, given.get("moderator-token"),
        residents, voteRate, askRate, duration, ramp, drain, concurrency, moderators, moderation, stage, share,
        startAt, pids, out, report, storm);
  }

  private static StormOptions stormOptions(Map<String, String> given, int nodes) {
    int joiners = intOption(given, "joiners", 0, 0);
    double joinRate = doubleOption(given, "join-rate", 500, 0);
    if (joiners > 0 && joinRate == 0) {
      throw new IllegalArgumentException("--join-rate must be greater than 0");
    }
    String redis = given.get("redis");
    if (redis != null && !redis.matches("[A-Za-z0-9.-]+:\\d{1,5}")) {
      throw new IllegalArgumentException("--redis expects HOST:PORT, got " + redis);
    }
    Long killPid = given.containsKey("kill-pid") ? (long) doubleOption(given, "kill-pid", 0, 1) : null;
    int killNode = intOption(given, "kill-node", 0, 0);
    if (killPid != null && killNode >= nodes) {
      throw new IllegalArgumentException("--kill-node must be below the number of --url nodes");
    }
    return new StormOptions(joiners, joinRate, doubleOption(given, "join-at", 1, 0),
        doubleOption(given, "join-timeout", 60, 1), intOption(given, "questions", 0, 0), redis, killPid, killNode,
        doubleOption(given, "kill-at", 5, 0), booleanOption(given, "page-all"));
  }

  private static void checkSessionSource(ProcessShare share, String adminToken, String session, Path file) {
    if (adminToken != null && session != null) {
      throw new IllegalArgumentException("give only one of --admin-token and --session");
    }
    if (adminToken != null && share.index() > 0) {
      throw new IllegalArgumentException("only process 0 creates the session; give the others --session or"
          + " --session-file");
    }
    if (adminToken == null && session == null && (file == null || share.index() == 0)) {
      throw new IllegalArgumentException(share.index() == 0 ? "give exactly one of --admin-token and --session"
          : "give --session or --session-file");
    }
    if (file != null && session != null) {
      throw new IllegalArgumentException("give only one of --session and --session-file");
    }
  }

  /** Votes of the whole run (all processes): one every 1/R seconds for the duration. */
  public long scheduledVotes() {
    return Schedule.eventsIn(voteRate, durationSeconds);
  }

  /** Asks of the whole run (all processes). */
  public long scheduledAsks() {
    return Schedule.eventsIn(askRate, durationSeconds);
  }

  /** Votes this process sends: its share of {@link #scheduledVotes()}. */
  public long plannedVotes() {
    return share.ownOf(scheduledVotes());
  }

  /** Asks this process sends. */
  public long plannedAsks() {
    return share.ownOf(scheduledAsks());
  }

  /**
   * Questions to seed so every vote can be a distinct (resident, question) pair in its process:
   * Q = ceil(R*S / (n*C)) + 1, raised until Q and n have no common divisor (so that each process's votes cover
   * every question evenly; see {@link VotePlan}).
   */
  public int seededQuestions() {
    return plannedQuestions();
  }

  /** Questions process 0 asks before the measured ones so the session holds {@code --questions}. */
  public int fillerQuestions() {
    return Math.max(0, storm.questions() - plannedQuestions());
  }

  private int plannedQuestions() {
    long perRound = (long) share.count() * residents;
    int questions = (int) ((scheduledVotes() + perRound - 1) / perRound) + 1;
    while (gcd(questions, share.count()) != 1) {
      questions++;
    }
    return questions;
  }

  /** Joiners of this process: global joiner j belongs to process j mod n. */
  public int ownJoiners() {
    return (int) share.ownOf(storm.joiners());
  }

  /** Whether the session this run uses is pre-moderated. */
  public boolean preModerated() {
    return moderation.equals("pre");
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  private static Map<String, Long> pidsOption(String text) {
    if (text == null || text.isBlank()) {
      return Map.of();
    }
    Map<String, Long> pids = new LinkedHashMap<>();
    for (String pair : text.split(",")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? "" : pair.substring(0, eq).trim();
      if (!name.matches("[A-Za-z0-9_.-]{1,40}")) {
        throw new IllegalArgumentException("--pids expects NAME=PID,... with simple names, got " + pair);
      }
      try {
        pids.put(name, Long.parseLong(pair.substring(eq + 1).trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--pids: " + pair + " has no numeric pid");
      }
    }
    return Collections.unmodifiableMap(pids);
  }

  private static boolean booleanOption(Map<String, String> given, String name) {
    String text = given.getOrDefault(name, "false").trim();
    if (!text.equals("true") && !text.equals("false")) {
      throw new IllegalArgumentException("--" + name + " takes no value (or true/false), got " + text);
    }
    return text.equals("true");
  }

  private static int intOption(Map<String, String> given, String name, int fallback, int min) {
    String text = given.get(name);
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value < min) {
        throw new IllegalArgumentException("--" + name + " must be at least " + min);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " expects a whole number, got " + text);
    }
  }

  private static double doubleOption(Map<String, String> given, String name, double fallback, double min) {
    String text = given.get(name);
    if (text == null) {
      return fallback;
    }
    try {
      double value = Double.parseDouble(text.trim());
      if (!Double.isFinite(value) || value < min) {
        throw new IllegalArgumentException("--" + name + " must be a number of at least " + min);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " expects a number, got " + text);
    }
  }
}
