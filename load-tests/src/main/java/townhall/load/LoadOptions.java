package townhall.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command-line options of the generator, parsed and checked.
 *
 * @param nodes the nodes residents are spread over, round-robin (setup talks to the first)
 * @param adminToken organizer token used to create a fresh session, or {@code null} with {@code sessionId}
 * @param sessionId an existing post-moderated session to use, or {@code null} to create one
 * @param residents how many resident sockets to open
 * @param voteRate upvotes per second, all distinct (resident, question) pairs
 * @param askRate new questions per second during the measurement
 * @param durationSeconds length of the measurement
 * @param rampSeconds time over which the residents are connected
 * @param connectConcurrency most connection attempts (connect + hello + welcome) in flight at once
 * @param out where the JSON result is written, or {@code null}
 */
public record LoadOptions(List<NodeAddress> nodes, String adminToken, String sessionId, int residents,
    double voteRate, double askRate, double durationSeconds, double rampSeconds, int connectConcurrency,
    Path out) {

  private static final Set<String> NAMES = Set.of("url", "admin-token", "session", "residents", "vote-rate",
      "ask-rate", "duration", "ramp", "connect-concurrency", "out");

  /** The usage text printed for {@code --help} and after a wrong option. */
  public static final String USAGE = String.join("\n",
      "usage: java -jar townhall-load.jar (--admin-token T | --session ID) [options]",
      "  --url URL[,URL...]        node(s), residents spread round-robin (default http://127.0.0.1:8080)",
      "  --admin-token T           organizer token: create a post-moderated session",
      "  --session ID              use this existing post-moderated session instead",
      "  --residents C             resident sockets (default 100)",
      "  --vote-rate R             upvotes per second (default 50)",
      "  --ask-rate A              questions per second during the measurement (default 0.2)",
      "  --duration S              measurement seconds (default 20)",
      "  --ramp S                  seconds over which residents connect (default 5)",
      "  --connect-concurrency N   connection attempts in flight at most (default 200)",
      "  --out FILE                write the result as JSON to FILE");

  /**
   * Parses {@code --name value} (or {@code --name=value}) pairs.
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
    String adminToken = given.get("admin-token");
    String session = given.get("session");
    if ((adminToken == null) == (session == null)) {
      throw new IllegalArgumentException("give exactly one of --admin-token and --session");
    }
    int residents = intOption(given, "residents", 100, 1);
    double voteRate = doubleOption(given, "vote-rate", 50, 0);
    double askRate = doubleOption(given, "ask-rate", 0.2, 0);
    double duration = doubleOption(given, "duration", 20, 0);
    if (duration == 0) {
      throw new IllegalArgumentException("--duration must be greater than 0");
    }
    double ramp = doubleOption(given, "ramp", 5, 0);
    int concurrency = intOption(given, "connect-concurrency", 200, 1);
    Path out = given.containsKey("out") ? Path.of(given.get("out")) : null;
    return new LoadOptions(List.copyOf(nodes), adminToken, session, residents, voteRate, askRate, duration, ramp,
        concurrency, out);
  }

  /** How many upvotes the measurement sends: one every 1/R seconds for the duration. */
  public long plannedVotes() {
    return Schedule.eventsIn(voteRate, durationSeconds);
  }

  /** How many questions the measurement asks. */
  public long plannedAsks() {
    return Schedule.eventsIn(askRate, durationSeconds);
  }

  /** Questions to seed so every vote can be a distinct (resident, question) pair: ceil(R*S/C) + 1. */
  public int seededQuestions() {
    return (int) ((plannedVotes() + residents - 1) / residents) + 1;
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
