package townhall.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import townhall.domain.ContentFlag;
import townhall.domain.VoteSignals;
import townhall.domain.WordList;

/** Settings come from the shipped defaults, a file, the environment and overrides, and are checked at start. */
class ConfigLoaderTest {
  private static final String SECRET_32 = "0123456789abcdef0123456789abcdef";

  @TempDir
  Path dir;

  // ---------------------------------------------------------------- defaults

  @Test
  void shippedMultiNodeSettingsAreValid() {
    TownhallConfig config = ConfigLoader.load(Map.of("TOWNHALL_CONFIG", "../config/multi-node.yaml", "PORT", "8082"),
        Map.of());

    assertEquals(8082, config.server().port(), "each node's own PORT wins over the shared file");
    assertEquals("127.0.0.1", config.server().host());
    assertEquals(List.of("https://townhall.example.gov.vn"), config.server().allowedOrigins());
    assertEquals(Duration.ofMillis(5000), config.server().drain());
    assertFalse(config.redis().embedded(), "several nodes share one external Redis");
    assertTrue(config.redis().url().matches("rediss://[^:@]+:[^@]+@.+"), "with a password, over TLS");
    assertFalse(config.security().singleNode(), "several nodes must share configured secrets");
  }

  @Test
  void defaultsLoadWithoutAnySetting() {
    TownhallConfig config = ConfigLoader.load(Map.of(), Map.of());

    assertEquals(8080, config.server().port());
    assertEquals("0.0.0.0", config.server().host());
    assertEquals("", config.server().publicUrl());
    assertEquals(List.of(), config.server().allowedOrigins());
    assertEquals(Duration.ofMillis(3000), config.server().drain());
    assertEquals("th", config.redis().keyPrefix());
    assertTrue(config.redis().embedded(), "an empty redis.url means an embedded Redis");
    assertEquals(Duration.ofMillis(2000), config.redis().commandTimeout());
    assertEquals("", config.security().adminToken());
    assertEquals("", config.security().tokenSecret());
    assertEquals(List.of(), config.security().previousTokenSecrets());
    assertEquals(Duration.ofDays(30), config.security().tokenTtl());
    assertEquals(500, config.limits().questionLength());
    assertEquals(40, config.limits().authorLength());
    assertEquals(200, config.limits().titleLength());
    assertEquals(16384, config.limits().messageBytes());
    assertEquals(Duration.ofMillis(5_000), config.limits().helloTimeout());
    assertEquals(Duration.ofMillis(100), config.delivery().tick());
    assertEquals(262_144, config.delivery().writeQueueBytes());
    assertEquals(TownhallConfig.Logging.Format.JSON, config.logging().format(), "JSON lines for production");
  }

  @Test
  void defaultModerationReadsTheShippedWordListsAndSignalThresholds() {
    TownhallConfig.Moderation moderation = ConfigLoader.load(Map.of(), Map.of()).moderation();

    assertEquals(List.of("config/wordlists/vi.txt", "config/wordlists/en.txt"), moderation.wordLists());
    assertTrue(moderation.words().stream().anyMatch(e -> e.source().startsWith("config/wordlists/vi.txt:")
        && e.text().equals("địt mẹ")), "the Vietnamese list is read from the jar");
    assertTrue(moderation.words().stream().anyMatch(e -> e.source().startsWith("config/wordlists/en.txt:")
        && e.text().equals("bullshit")), "the English list is read from the jar");
    assertTrue(moderation.holdFlagged());
    assertEquals(List.of("gov.vn"), moderation.allowedLinkDomains());
    assertEquals(new VoteSignals.Thresholds(10, 300_000, 600_000, 20), moderation.signals());
  }

  @Test
  void wordListFileOnDiskIsReadAndAnEmptySettingMeansNoLists() throws IOException {
    Path list = dir.resolve("local.txt");
    Files.writeString(list, "[spam]\nkiếm tiền tại nhà\n", StandardCharsets.UTF_8);

    TownhallConfig.Moderation own = ConfigLoader.load(Map.of(),
        Map.of("moderation.wordLists", list.toString())).moderation();
    TownhallConfig.Moderation none = ConfigLoader.load(Map.of("TOWNHALL_MODERATION_WORDLISTS", ""), Map.of())
        .moderation();

    assertEquals(List.of(new WordList.Entry("kiếm tiền tại nhà", ContentFlag.SPAM,
        false, false, list + ":2")), own.words());
    assertEquals(List.of(), none.words());
  }

  @Test
  void mailSettingsComeFromTheEnvironmentAndNeedAPublicUrlAndASender() {
    TownhallConfig.Mail none = ConfigLoader.load(Map.of(), Map.of()).mail();
    assertFalse(none.sends(), "no mail.host by default: no email");

    TownhallConfig.Mail mail = ConfigLoader.load(Map.of("TOWNHALL_MAIL_HOST", "smtp.example.vn",
        "TOWNHALL_MAIL_PORT", "465", "TOWNHALL_MAIL_FROM", "Townhall <no-reply@example.vn>",
        "TOWNHALL_MAIL_USERNAME", "townhall", "TOWNHALL_MAIL_PASSWORD", "mail secret",
        "TOWNHALL_MAIL_STARTTLS", "false", "TOWNHALL_SERVER_PUBLICURL", "https://townhall.example.vn"), Map.of())
        .mail();
    assertEquals(new TownhallConfig.Mail("smtp.example.vn", 465, "Townhall <no-reply@example.vn>", "townhall",
        "mail secret", false), mail);
    assertFalse(mail.toString().contains("mail secret"), "the password is never printed: " + mail);

    ConfigException noUrl = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(),
        Map.of("mail.host", "smtp.example.vn", "mail.from", "no-reply@example.vn")));
    assertTrue(noUrl.getMessage().contains("'server.publicUrl'"), noUrl.getMessage());
    ConfigException noSender = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(),
        Map.of("mail.host", "smtp.example.vn", "server.publicUrl", "https://townhall.example.vn")));
    assertTrue(noSender.getMessage().contains("'mail.from'"), noSender.getMessage());
    assertTrue(noSender.getMessage().contains("TOWNHALL_MAIL_FROM"), noSender.getMessage());
  }

  @Test
  void missingWordListStopsTheStartNamingKeyAndFile() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(),
        Map.of("moderation.wordLists", "config/wordlists/vi.txt,config/wordlists/xx.txt")));

    assertTrue(e.getMessage().contains("'moderation.wordLists'"), e.getMessage());
    assertTrue(e.getMessage().contains("config/wordlists/xx.txt"), e.getMessage());
  }

  @Test
  void unreadableWordListEntryStopsTheStartNamingFileAndLine() throws IOException {
    Path list = dir.resolve("broken.txt");
    Files.writeString(list, "# fine\nđm\nfu*ck\n", StandardCharsets.UTF_8);

    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of(), Map.of("moderation.wordLists", list.toString())));

    assertTrue(e.getMessage().contains("'moderation.wordLists'"), e.getMessage());
    assertTrue(e.getMessage().contains(list + ":3"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
      "TOWNHALL_MODERATION_HOLDFLAGGED, maybe, moderation.holdFlagged",
      "TOWNHALL_MODERATION_SIGNALS_BURSTVOTES, 0, moderation.signals.burstVotes",
      "TOWNHALL_MODERATION_SIGNALS_BURSTWINDOWMS, 10, moderation.signals.burstWindowMs",
      "TOWNHALL_MODERATION_SIGNALS_IDENTITIESPERADDRESS, many, moderation.signals.identitiesPerAddress",
  })
  void invalidModerationSettingIsRefusedNamingKeyAndVariable(String variable, String value, String key) {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(variable, value), Map.of()));

    assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
    assertTrue(e.getMessage().contains(variable), e.getMessage());
  }

  // ---------------------------------------------------------------- environment

  @Test
  void portVariableOverridesTheDefault() {
    assertEquals(9191, ConfigLoader.load(Map.of("PORT", "9191"), Map.of()).server().port());
  }

  @Test
  void redisUrlVariableOverridesTheDefault() {
    TownhallConfig config = ConfigLoader.load(Map.of("REDIS_URL", "redis://10.0.0.5:6380"), Map.of());

    assertEquals("redis://10.0.0.5:6380", config.redis().url());
    assertFalse(config.redis().embedded());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "redis://127.0.0.1:6379",
      "rediss://user:pw@redis.example.org:6380/2",
      "redis-sentinel://127.0.0.1:26379/0#mymaster",
      "redis-sentinel://pw@10.0.0.1:26379,10.0.0.2:26379,10.0.0.3#primary-1",
      "redis-cluster://127.0.0.1:7000",
      "redis-cluster://10.0.0.1:6379,10.0.0.2:6379,redis-3.example.org:6379/",
      "redis-cluster://user:pw@10.0.0.1:6379,10.0.0.2:6379",
  })
  void eachOfTheThreeRedisUrlFormsIsAccepted(String url) {
    assertEquals(url, ConfigLoader.load(Map.of("REDIS_URL", url), Map.of()).redis().url());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "redis-sentinel://127.0.0.1:26379/0",
      "redis-sentinel://127.0.0.1:26379#",
      "redis-cluster://",
      "redis-cluster://10.0.0.1",
      "redis-cluster://10.0.0.1:6379,",
      "redis-cluster://10.0.0.1:6379,10.0.0.2",
      "redis-cluster://10.0.0.1:70000",
      "redis-cluster://10.0.0.1:6379/0",
      "redis-cluster:/10.0.0.1:6379",
  })
  void malformedSentinelOrClusterUrlIsRefusedNamingKeyAndVariable(String url) {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("REDIS_URL", url), Map.of()));

    assertTrue(e.getMessage().contains("'redis.url'"), e.getMessage());
    assertTrue(e.getMessage().contains("REDIS_URL"), e.getMessage());
  }

  @Test
  void refusedRedisUrlIsShownWithoutItsPassword() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of("REDIS_URL", "redis-cluster://admin:hunter2@10.0.0.1"), Map.of()));

    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    assertTrue(e.getMessage().contains("redis-cluster://***@10.0.0.1"), e.getMessage());
  }

  @Test
  void adminTokenVariableOverridesTheDefault() {
    TownhallConfig config = ConfigLoader.load(Map.of("TOWNHALL_ADMIN_TOKEN", SECRET_32), Map.of());

    assertEquals(SECRET_32, config.security().adminToken());
  }

  /** An admin token a guesser could find (8 characters started the server before) stops the start, naming it. */
  @Test
  void adminTokenUnderThirtyTwoCharactersIsRefusedNamingTheSetting() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of("TOWNHALL_ADMIN_TOKEN", "s3cret-admin"), Map.of()));

    assertTrue(e.getMessage().contains("'security.adminToken'"), e.getMessage());
    assertTrue(e.getMessage().contains("TOWNHALL_ADMIN_TOKEN"), e.getMessage());
    assertTrue(e.getMessage().contains("32"), e.getMessage());
  }

  @Test
  void metricsListenOnLoopbackByDefaultAndTheirPortHasAVariable() {
    TownhallConfig defaults = ConfigLoader.load(Map.of(), Map.of());
    assertEquals("127.0.0.1", defaults.metrics().host());
    assertNotEquals(defaults.server().port(), defaults.metrics().port());

    assertEquals(19464, ConfigLoader.load(Map.of("TOWNHALL_METRICS_PORT", "19464"), Map.of()).metrics().port());
  }

  @Test
  void longVariableNameOverridesANestedKey() {
    TownhallConfig config = ConfigLoader.load(Map.of("TOWNHALL_LIMITS_QUESTIONLENGTH", "300"), Map.of());

    assertEquals(300, config.limits().questionLength());
  }

  @Test
  void longVariableNameOfACamelCaseKeyIsAllCapitals() {
    TownhallConfig config = ConfigLoader.load(
        Map.of("TOWNHALL_SERVER_PUBLICURL", "https://townhall.example.gov.vn/", "TOWNHALL_DELIVERY_TICKMS", "50"),
        Map.of());

    assertEquals("https://townhall.example.gov.vn", config.server().publicUrl());
    assertEquals(Duration.ofMillis(50), config.delivery().tick());
  }

  @ParameterizedTest
  @CsvSource({"text, TEXT", "TEXT, TEXT", "json, JSON"})
  void logFormatVariableChoosesTheFormatInAnyCase(String value, TownhallConfig.Logging.Format format) {
    assertEquals(format, ConfigLoader.load(Map.of("TOWNHALL_LOGGING_FORMAT", value), Map.of()).logging().format());
  }

  @Test
  void unrelatedEnvironmentVariablesAreIgnored() {
    TownhallConfig config = ConfigLoader.load(Map.of("HOME", "/root", "PATH", "/usr/bin", "TERM", "xterm"), Map.of());

    assertEquals(8080, config.server().port());
  }

  @Test
  void overridesWinOverTheEnvironment() {
    TownhallConfig config = ConfigLoader.load(Map.of("PORT", "9191"), Map.of("server.port", 0));

    assertEquals(0, config.server().port());
  }

  // ---------------------------------------------------------------- invalid values name key and variable

  @ParameterizedTest
  @CsvSource({
      "PORT, abc, server.port",
      "PORT, 70000, server.port",
      "PORT, -1, server.port",
      "REDIS_URL, http://x, redis.url",
      "TOWNHALL_SECURITY_TOKENSECRET, too-short-secret, security.tokenSecret",
      "TOWNHALL_SECURITY_ADDRESSHASHKEY, too-short-secret, security.addressHashKey",
      "TOWNHALL_ADMIN_TOKEN, 12345678, security.adminToken",
      "TOWNHALL_METRICS_PORT, 70000, metrics.port",
      "TOWNHALL_SECURITY_PREVIOUSTOKENSECRETS, too-short-secret, security.previousTokenSecrets",
      "TOWNHALL_SECURITY_TOKENTTLHOURS, 0, security.tokenTtlHours",
      "TOWNHALL_SECURITY_TOKENTTLHOURS, 30d, security.tokenTtlHours",
      "TOWNHALL_REDIS_KEYPREFIX, th:prod, redis.keyPrefix",
      "TOWNHALL_REDIS_KEYPREFIX, {th}, redis.keyPrefix",
      "TOWNHALL_LIMITS_QUESTIONLENGTH, 0, limits.questionLength",
      "TOWNHALL_LIMITS_QUESTIONLENGTH, five hundred, limits.questionLength",
      "TOWNHALL_SERVER_PUBLICURL, ftp://example.org, server.publicUrl",
      "TOWNHALL_DELIVERY_TICKMS, 5, delivery.tickMs",
      "TOWNHALL_LOGGING_FORMAT, xml, logging.format",
      "TOWNHALL_LOGGING_FORMAT, '', logging.format",
  })
  void invalidEnvironmentValueIsRefusedNamingKeyAndVariable(String variable, String value, String key) {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(variable, value), Map.of()));

    assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
    assertTrue(e.getMessage().contains(variable), e.getMessage());
  }

  @Test
  void invalidOverrideIsRefusedNamingKeyAndVariable() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of(), Map.of("redis.keyPrefix", "")));

    assertTrue(e.getMessage().contains("'redis.keyPrefix'"), e.getMessage());
    assertTrue(e.getMessage().contains("TOWNHALL_REDIS_KEYPREFIX"), e.getMessage());
  }

  @Test
  void tokenSecretOfThirtyTwoCharactersIsAccepted() {
    TownhallConfig config = ConfigLoader.load(Map.of("TOWNHALL_SECURITY_TOKENSECRET", SECRET_32), Map.of());

    assertEquals(SECRET_32, config.security().tokenSecret());
  }

  @Test
  void tokenSecretOfThirtyOneCharactersIsRefused() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of(), Map.of("security.tokenSecret", SECRET_32.substring(1))));

    assertTrue(e.getMessage().contains("'security.tokenSecret'"), e.getMessage());
  }

  @Test
  void previousTokenSecretsAreACommaSeparatedList() {
    String other = SECRET_32.toUpperCase();
    TownhallConfig config = ConfigLoader.load(
        Map.of("TOWNHALL_SECURITY_PREVIOUSTOKENSECRETS", SECRET_32 + " , " + other), Map.of());

    assertEquals(List.of(SECRET_32, other), config.security().previousTokenSecrets());
  }

  @Test
  void onePreviousTokenSecretShorterThanThirtyTwoCharactersIsRefused() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(),
        Map.of("security.previousTokenSecrets", SECRET_32 + "," + SECRET_32.substring(1))));

    assertTrue(e.getMessage().contains("'security.previousTokenSecrets'"), e.getMessage());
  }

  @Test
  void tokenTimeToLiveIsSetInHours() {
    assertEquals(Duration.ofHours(12),
        ConfigLoader.load(Map.of(), Map.of("security.tokenTtlHours", 12)).security().tokenTtl());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 65535})
  void portAtEitherEndOfItsRangeIsAccepted(int port) {
    assertEquals(port, ConfigLoader.load(Map.of("PORT", String.valueOf(port)), Map.of()).server().port());
  }

  // ---------------------------------------------------------------- unknown keys

  @ParameterizedTest
  @ValueSource(strings = {"server.prot", "limits.questionlength", "bogus", "redis.url.host"})
  void unknownOverrideKeyIsRefusedNamingIt(String key) {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(), Map.of(key, "1")));

    assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
  }

  @Test
  void unknownKeyInConfigFileIsRefusedNamingIt() throws IOException {
    Path file = write("server:\n  port: 9090\n  prot: 9091\n");

    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of("TOWNHALL_CONFIG", file.toString()), Map.of()));

    assertTrue(e.getMessage().contains("'server.prot'"), e.getMessage());
  }

  @Test
  void unknownTopLevelSectionInConfigFileIsRefusedNamingIt() throws IOException {
    Path file = write("database:\n  url: postgres://x\n");

    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of("TOWNHALL_CONFIG", file.toString()), Map.of()));

    assertTrue(e.getMessage().contains("'database.url'"), e.getMessage());
  }

  // ---------------------------------------------------------------- TOWNHALL_CONFIG file

  @Test
  void configFileOverridesDefaultsAndKeepsTheRest() throws IOException {
    Path file = write("""
        server:
          port: 9090
        redis:
          keyPrefix: th-test
        limits:
          questionLength: 300
        """);

    TownhallConfig config = ConfigLoader.load(Map.of("TOWNHALL_CONFIG", file.toString()), Map.of());

    assertEquals(9090, config.server().port());
    assertEquals("th-test", config.redis().keyPrefix());
    assertEquals(300, config.limits().questionLength());
    assertEquals(40, config.limits().authorLength(), "a key the file does not name keeps its default");
    assertEquals(Duration.ofMillis(100), config.delivery().tick(), "a section the file does not name keeps its defaults");
  }

  @Test
  void environmentWinsOverConfigFile() throws IOException {
    Path file = write("server:\n  port: 9090\n");

    TownhallConfig config = ConfigLoader.load(Map.of("TOWNHALL_CONFIG", file.toString(), "PORT", "7070"), Map.of());

    assertEquals(7070, config.server().port());
  }

  @Test
  void emptyConfigFileKeepsDefaults() throws IOException {
    Path file = write("# nothing set here\n");

    assertEquals(8080, ConfigLoader.load(Map.of("TOWNHALL_CONFIG", file.toString()), Map.of()).server().port());
  }

  @Test
  void invalidValueInConfigFileIsRefusedNamingKeyAndVariable() throws IOException {
    Path file = write("limits:\n  questionLength: lots\n");

    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of("TOWNHALL_CONFIG", file.toString()), Map.of()));

    assertTrue(e.getMessage().contains("'limits.questionLength'"), e.getMessage());
    assertTrue(e.getMessage().contains("TOWNHALL_LIMITS_QUESTIONLENGTH"), e.getMessage());
  }

  @Test
  void missingConfigFileIsRefusedNamingIt() {
    Path missing = dir.resolve("absent.yaml");

    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of("TOWNHALL_CONFIG", missing.toString()), Map.of()));

    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }

  @Test
  void configFileThatIsNotYamlIsRefused() throws IOException {
    Path file = write("server: [unclosed\n");

    assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("TOWNHALL_CONFIG", file.toString()), Map.of()));
  }

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("townhall-test.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }
}
