package townhall.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import townhall.domain.RateLimit;
import townhall.domain.VoteSignals;
import townhall.domain.WordList;

/**
 * Reads the defaults shipped in the jar ({@code config/townhall.yaml}), then the file named by
 * {@code TOWNHALL_CONFIG}, then environment variables, then explicit overrides (tests), and validates the result.
 */
public final class ConfigLoader {
  private static final String DEFAULTS = "config/townhall.yaml";
  /** {@code redis-cluster://[credentials@]seeds[/]}; group 1 is the comma-separated seeds. */
  private static final Pattern CLUSTER_URL = Pattern.compile("redis-cluster://(?:[^\\s/@]+@)?([^\\s/@]+?)/?");
  private static final Pattern CLUSTER_SEED = Pattern.compile("[^\\s,:/@]+:(\\d{1,5})");
  private static final Map<String, String> SHORT_NAMES = Map.of(
      "PORT", "server.port",
      "REDIS_URL", "redis.url",
      "DATABASE_URL", "database.url",
      "TOWNHALL_ADMIN_TOKEN", "security.adminToken",
      "TOWNHALL_RECORD_KEY_FILE", "security.recordKeyFile");

  private ConfigLoader() {
  }

  /** The configuration of a node started from the command line. */
  public static TownhallConfig fromEnvironment() {
    return load(System.getenv(), Map.of());
  }

  /**
   * Loads and validates.
   *
   * @param env       environment variables
   * @param overrides dotted keys ({@code server.port}) that win over everything else
   * @throws ConfigException naming the first invalid key
   */
  public static TownhallConfig load(Map<String, String> env, Map<String, ?> overrides) {
    Map<String, Object> values = flatten(readDefaults());
    String file = env.get("TOWNHALL_CONFIG");
    if (file != null && !file.isBlank()) {
      mergeKnown(values, flatten(readFile(Path.of(file))), "file " + file);
    }
    applyEnvironment(values, env);
    mergeKnown(values, new LinkedHashMap<>(overrides), "overrides");
    return build(new Settings(values));
  }

  private static TownhallConfig build(Settings s) {
    var server = new TownhallConfig.Server(
        s.text("server.host", false), s.integer("server.port", 0, 65535), s.url("server.publicUrl"),
        s.list("server.allowedOrigins"), s.millis("server.drainMs", 0, 600_000), s.list("server.trustedProxies"),
        s.text("server.dataDir", false));
    var redis = new TownhallConfig.Redis(
        s.redisUrl("redis.url"), s.keyPrefix("redis.keyPrefix"), s.millis("redis.commandTimeoutMs", 100, 60_000),
        s.text("redis.embeddedDataDir", true).isEmpty() ? server.dataDir() : s.text("redis.embeddedDataDir", true));
    var security = new TownhallConfig.Security(s.secret("security.adminToken"), s.secret("security.tokenSecret"),
        s.secrets("security.previousTokenSecrets"), Duration.ofHours(s.number("security.tokenTtlHours", 1, 87_600)),
        s.secret("security.addressHashKey"), s.bool("security.singleNode"), s.text("security.recordKeyFile", true));
    var limits = new TownhallConfig.Limits(
        s.integer("limits.questionLength", 1, 10_000), s.integer("limits.authorLength", 1, 200),
        s.integer("limits.titleLength", 1, 1000), s.integer("limits.messageBytes", 1024, 1 << 20),
        s.integer("limits.eventLogLength", 10, 1_000_000), s.millis("limits.helloTimeoutMs", 100, 600_000),
        s.millis("limits.refTtlMs", 1000, 365L * 24 * 3600 * 1000),
        s.integer("limits.badMessagesPerMinute", 1, 100_000));
    var delivery = new TownhallConfig.Delivery(
        s.millis("delivery.tickMs", 10, 1000), s.integer("delivery.writeQueueBytes", 4096, 64 << 20),
        s.millis("delivery.presenceHeartbeatMs", 100, 600_000),
        s.millis("delivery.pingIntervalMs", 100, 600_000), s.integer("delivery.welcomeQuestions", 1, 10_000),
        s.integer("delivery.pageSize", 1, 100), s.integer("delivery.replayLimit", 0, 1_000_000),
        s.integer("delivery.recentEvents", 1, 1_000_000), s.integer("delivery.joinsAtOnce", 1, 100_000),
        s.integer("delivery.joinQueue", 0, 10_000_000), s.integer("delivery.viewSlice", 1, 100_000),
        s.integer("delivery.countSlice", 1, 1_000_000), s.integer("delivery.pollFramesPerSecond", 1, 100_000_000),
        s.integer("delivery.stormVoteFramesPerSecond", 1, 100_000_000));
    var rateLimits = new TownhallConfig.RateLimits(s.rate("rateLimits.asks"), s.rate("rateLimits.votes"),
        s.rate("rateLimits.identities"), s.rate("rateLimits.codeMisses"), s.rate("rateLimits.codeMissesAll"),
        s.rate("rateLimits.connections"), s.rate("rateLimits.bearerFailures"), s.rate("rateLimits.exports"),
        s.rate("rateLimits.hellos"), s.rate("rateLimits.similar"));
    var logging = new TownhallConfig.Logging(s.choice("logging.format", TownhallConfig.Logging.Format.class));
    var moderation = new TownhallConfig.Moderation(s.list("moderation.wordLists"),
        s.wordLists("moderation.wordLists"), s.bool("moderation.holdFlagged"), s.list("moderation.allowedLinkDomains"),
        new VoteSignals.Thresholds(s.integer("moderation.signals.burstVotes", 1, 1_000_000),
            s.number("moderation.signals.burstWindowMs", 1000, 24L * 3600 * 1000),
            s.number("moderation.signals.freshIdentityMs", 0, 24L * 3600 * 1000),
            s.integer("moderation.signals.identitiesPerAddress", 1, 1_000_000)));
    var retention = new TownhallConfig.Retention(s.integer("retention.closedSessionDays", 0, 36_500),
        s.millis("retention.sweepIntervalMs", 1000, 7L * 24 * 3600 * 1000));
    var database = new TownhallConfig.Database(s.databaseUrl("database.url"),
        s.text("database.embeddedDataDir", true).isEmpty() ? Path.of(server.dataDir(), "postgres").toString()
            : s.text("database.embeddedDataDir", true), s.integer("database.poolSize", 1, 100),
        s.millis("database.scheduleIntervalMs", 100, 3_600_000));
    var organization = new TownhallConfig.Organization(s.slug("organization.slug"));
    var metrics = new TownhallConfig.MetricsListener(s.text("metrics.host", false),
        s.integer("metrics.port", 0, 65535));
    var record = new TownhallConfig.Record(s.zone("record.timeZone"), s.integer("record.cacheSessions", 1, 100_000),
        s.millis("record.liveMaxAgeMs", 0, 24L * 3600 * 1000), s.integer("record.sliceLinks", 10, 10_000),
        s.integer("record.foldWindow", 100, 1_000_000));
    var mail = new TownhallConfig.Mail(s.text("mail.host", true), s.integer("mail.port", 1, 65535),
        s.text("mail.from", true), s.text("mail.username", true), s.text("mail.password", true),
        s.bool("mail.starttls"));
    if (mail.sends() && !mail.from().matches("(.*<)?[^\\s<>@]+@[^\\s<>@]+>?")) {
      throw Settings.invalid("mail.from",
          "must be an address such as Townhall <no-reply@example.gov.vn> when mail.host is set");
    }
    if (mail.sends() && server.publicUrl().isEmpty()) {
      // a link in an email built from a request's Host header could point a reset token at someone else's site
      throw Settings.invalid("server.publicUrl",
          "must be set when mail.host is set: the links sent by email start with it");
    }
    var inbox = new TownhallConfig.Inbox(s.integer("inbox.remindDaysBefore", 0, 60),
        s.millis("inbox.reminderIntervalMs", 100, 24L * 3600 * 1000),
        s.integer("inbox.attachmentMaxBytes", 1024, 50 * 1024 * 1024));
    var clerk = new TownhallConfig.Clerk(s.integer("clerk.slipMaxBytes", 1024, 50 * 1024 * 1024),
        s.number("clerk.slipMaxPixels", 10_000, 200_000_000), s.integer("clerk.slipMaxSide", 200, 8000));
    return new TownhallConfig(server, redis, security, limits, delivery, rateLimits, logging, moderation, retention,
        metrics, record, database, organization, mail, inbox, clerk);
  }

  private static void applyEnvironment(Map<String, Object> values, Map<String, String> env) {
    for (String key : List.copyOf(values.keySet())) {
      String name = "TOWNHALL_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
      if (env.containsKey(name)) {
        values.put(key, env.get(name));
      }
    }
    SHORT_NAMES.forEach((name, key) -> {
      if (env.containsKey(name)) {
        values.put(key, env.get(name));
      }
    });
  }

  private static void mergeKnown(Map<String, Object> values, Map<String, Object> more, String source) {
    more.forEach((key, value) -> {
      if (!values.containsKey(key)) {
        throw new ConfigException("Unknown setting '" + key + "' in " + source);
      }
      values.put(key, value);
    });
  }

  private static Map<String, Object> readDefaults() {
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new ConfigException("The defaults " + DEFAULTS + " are missing from the classpath");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULTS);
    } catch (IOException e) {
      throw new ConfigException("Cannot read " + DEFAULTS + ": " + e.getMessage());
    }
  }

  private static Map<String, Object> readFile(Path path) {
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      return parse(reader, path.toString());
    } catch (IOException e) {
      throw new ConfigException("Cannot read TOWNHALL_CONFIG file " + path + ": " + e.getMessage());
    }
  }

  private static Map<String, Object> parse(Object source, String name) {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    Object root;
    try {
      root = source instanceof Reader r ? yaml.load(r) : yaml.load((String) source);
    } catch (RuntimeException e) {
      throw new ConfigException("Cannot parse " + name + ": " + e.getMessage());
    }
    if (root == null) {
      return Map.of();
    }
    if (!(root instanceof Map<?, ?> map)) {
      throw new ConfigException(name + " must hold a mapping at its top");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> typed = (Map<String, Object>) map;
    return typed;
  }

  private static Map<String, Object> flatten(Map<String, Object> tree) {
    Map<String, Object> flat = new LinkedHashMap<>();
    flattenInto("", tree, flat);
    return flat;
  }

  private static void flattenInto(String prefix, Map<?, ?> tree, Map<String, Object> flat) {
    tree.forEach((key, value) -> {
      String path = prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key;
      if (value instanceof Map<?, ?> child) {
        flattenInto(path, child, flat);
      } else {
        flat.put(path, value);
      }
    });
  }

  /** Typed, validating access to flattened values; every failure names its key. */
  private record Settings(Map<String, Object> values) {
    String text(String key, boolean mayBeEmpty) {
      Object value = values.get(key);
      String text = value == null ? "" : String.valueOf(value).trim();
      if (!mayBeEmpty && text.isEmpty()) {
        throw invalid(key, "must not be empty");
      }
      return text;
    }

    java.time.ZoneId zone(String key) {
      try {
        return java.time.ZoneId.of(text(key, false));
      } catch (java.time.DateTimeException e) {
        throw invalid(key, "must be a time zone such as Asia/Ho_Chi_Minh or +07:00");
      }
    }

    int integer(String key, int min, int max) {
      return (int) number(key, min, max);
    }

    Duration millis(String key, long min, long max) {
      return Duration.ofMillis(number(key, min, max));
    }

    long number(String key, long min, long max) {
      String text = text(key, false);
      long value;
      try {
        value = Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw invalid(key, "must be a whole number, got '" + text + "'");
      }
      if (value < min || value > max) {
        throw invalid(key, "must be between " + min + " and " + max + ", got " + value);
      }
      return value;
    }

    boolean bool(String key) {
      String text = text(key, false).toLowerCase(Locale.ROOT);
      if (!text.equals("true") && !text.equals("false")) {
        throw invalid(key, "must be true or false, got '" + text + "'");
      }
      return text.equals("true");
    }

    /**
     * The entries of the word lists this key names: each a file (relative to the working directory), or, when no
     * such file exists, one shipped in the jar under that name (so the defaults work from any folder).
     */
    List<WordList.Entry> wordLists(String key) {
      List<WordList.Entry> entries = new java.util.ArrayList<>();
      for (String name : list(key)) {
        String content = readWordList(key, name);
        try {
          entries.addAll(WordList.parse(name, content));
        } catch (IllegalArgumentException e) {
          throw invalid(key, "names a word list that cannot be read: " + e.getMessage());
        }
      }
      return List.copyOf(entries);
    }

    private static String readWordList(String key, String name) {
      Path path = Path.of(name);
      try {
        if (Files.isRegularFile(path)) {
          return Files.readString(path, StandardCharsets.UTF_8);
        }
        String resource = name.replaceFirst("^\\./", "");
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(resource)) {
          if (in != null) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
        }
      } catch (IOException | RuntimeException e) {
        throw invalid(key, "names a word list that cannot be read: " + name + " (" + e.getMessage() + ")");
      }
      throw invalid(key, "names a word list that does not exist: " + name + " (neither a file nor shipped in the jar)");
    }

    RateLimit rate(String key) {
      return new RateLimit(integer(key + ".burst", 0, 1_000_000), integer(key + ".perMinute", 0, 60_000_000));
    }

    /** One of the enum's constants, named in any case. */
    <E extends Enum<E>> E choice(String key, Class<E> type) {
      String text = text(key, false);
      for (E value : type.getEnumConstants()) {
        if (value.name().equalsIgnoreCase(text)) {
          return value;
        }
      }
      List<String> names = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
          .toList();
      throw invalid(key, "must be one of " + String.join(", ", names) + ", got '" + text + "'");
    }

    List<String> list(String key) {
      String text = text(key, true);
      return text.isEmpty() ? List.of()
          : Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    String url(String key) {
      String text = text(key, true);
      if (!text.isEmpty() && !text.matches("https?://[^\\s/]+(/[^\\s]*)?")) {
        throw invalid(key, "must be an http(s) URL such as https://townhall.example.gov.vn, got '" + text + "'");
      }
      return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** The three forms described in {@code townhall.yaml}; the credentials are masked in messages. */
    /** Empty, or {@code postgresql://[user[:password]@]host[:port]/database[?parameters]}. */
    String databaseUrl(String key) {
      String text = text(key, true);
      if (!text.isEmpty() && !text.matches("postgres(ql)?://[^\\s/]+/[^\\s/?]+(\\?\\S*)?")) {
        throw invalid(key, "must be a postgresql:// URL such as postgresql://townhall:secret@127.0.0.1:5432/townhall");
      }
      return text;
    }

    /** A URL slug: lower-case ASCII letters, digits and hyphens, 1 to 63 characters. */
    String slug(String key) {
      String text = text(key, false);
      if (!text.matches("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")) {
        throw invalid(key, "must be lower-case letters, digits and hyphens (such as 'main' or 'quan-1'), got '"
            + text + "'");
      }
      return text;
    }

    String redisUrl(String key) {
      String text = text(key, true);
      if (text.isEmpty()) {
        return text;
      }
      String shown = text.replaceFirst("://[^@/]*@", "://***@");
      if (text.matches("(redis-sentinel|rediss-sentinel)://\\S+")) {
        if (!text.matches("[^#]+#[^#\\s]+")) {
          throw invalid(key, "must name the primary after '#' in a Sentinel URL, such as"
              + " redis-sentinel://10.0.0.1:26379,10.0.0.2:26379/0#mymaster, got '" + shown + "'");
        }
      } else if (text.startsWith("redis-cluster://")) {
        if (!validClusterUrl(text)) {
          throw invalid(key, "must list the seed nodes of a Redis Cluster as host:port separated by commas, such as"
              + " redis-cluster://10.0.0.1:6379,10.0.0.2:6379, got '" + shown + "'");
        }
      } else if (!text.matches("(redis|rediss)://\\S+")) {
        throw invalid(key, "must be a redis://, redis-sentinel:// or redis-cluster:// URL such as"
            + " redis://127.0.0.1:6379, got '" + shown + "'");
      }
      return text;
    }

    private static boolean validClusterUrl(String text) {
      Matcher url = CLUSTER_URL.matcher(text);
      if (!url.matches()) {
        return false;
      }
      for (String seed : url.group(1).split(",", -1)) {
        Matcher hostAndPort = CLUSTER_SEED.matcher(seed);
        if (!hostAndPort.matches()) {
          return false;
        }
        int port = Integer.parseInt(hostAndPort.group(1));
        if (port < 1 || port > 65535) {
          return false;
        }
      }
      return true;
    }

    String keyPrefix(String key) {
      String text = text(key, false);
      if (!text.matches("[A-Za-z0-9_-]{1,32}")) {
        throw invalid(key, "must be 1-32 letters, digits, '-' or '_', got '" + text + "'");
      }
      return text;
    }

    String secret(String key) {
      String text = text(key, true);
      if (!text.isEmpty() && text.length() < 32) {
        throw invalid(key, "must be at least 32 characters (256 bits) or empty to generate one");
      }
      return text;
    }

    /** A comma-separated list of secrets, each at least 32 characters. */
    List<String> secrets(String key) {
      List<String> secrets = list(key);
      for (String secret : secrets) {
        if (secret.length() < 32) {
          throw invalid(key, "must list secrets of at least 32 characters (256 bits) each, separated by commas");
        }
      }
      return secrets;
    }

    static ConfigException invalid(String key, String problem) {
      String env = SHORT_NAMES.entrySet().stream().filter(e -> e.getValue().equals(key)).map(Map.Entry::getKey)
          .findFirst().orElse("TOWNHALL_" + key.toUpperCase(Locale.ROOT).replace('.', '_'));
      return new ConfigException("Setting '" + key + "' (environment " + env + ") " + problem);
    }
  }
}
