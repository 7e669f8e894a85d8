package townhall;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import townhall.config.ConfigException;
import townhall.config.ConfigLoader;
import townhall.config.NodeSecrets;
import townhall.config.NodeSlot;
import townhall.config.TownhallConfig;
import townhall.logging.LogLine;
import townhall.logging.LogSetup;
import townhall.store.pg.EmbeddedPostgresServer;
import townhall.store.redis.EmbeddedRedis;

/**
 * Starts one node: configuration, then Redis (embedded when REDIS_URL is unset) and PostgreSQL (embedded when
 * DATABASE_URL is unset), then the node.
 */
public final class Main {
  private static final Logger LOG = Logger.getLogger(Main.class.getName());

  private Main() {
  }

  public static void main(String[] args) throws Exception {
    TownhallConfig config;
    NodeSecrets secrets;
    try {
      config = ConfigLoader.fromEnvironment();
      secrets = NodeSecrets.resolve(config);
    } catch (ConfigException | java.io.IOException e) {
      System.err.println("Townhall cannot start: " + e.getMessage());
      System.exit(2);
      return;
    }
    String nodeId = TownhallNode.newNodeId();
    // held until the process ends: a node started again on this folder counts its connections under the same id
    NodeSlot slot = NodeSlot.claim(Path.of(config.server().dataDir()), TownhallNode::newNodeId);
    LogSetup.install(config.logging().format(), nodeId);
    EmbeddedRedis embedded = config.redis().embedded() ? EmbeddedRedis.start(
        Path.of(config.redis().embeddedDataDir()), NodeSecrets.embeddedRedisPassword(config)) : null;
    String redisUrl = embedded != null ? embedded.url() : config.redis().url();
    EmbeddedPostgresServer embeddedPostgres;
    try {
      embeddedPostgres = config.database().embedded()
          ? EmbeddedPostgresServer.start(Path.of(config.database().embeddedDataDir())) : null;
    } catch (Exception e) {
      System.err.println("Townhall cannot start the embedded PostgreSQL: " + e.getMessage());
      if (embedded != null) {
        embedded.stop();
      }
      System.exit(1);
      return;
    }
    String databaseUrl = embeddedPostgres != null ? embeddedPostgres.url() : config.database().url();

    TownhallNode node;
    try {
      node = TownhallNode.start(config, redisUrl, databaseUrl, secrets, nodeId, slot.id())
          .toCompletionStage()
          .toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("Townhall cannot start: " + e.getMessage());
      if (embedded != null) {
        embedded.stop();
      }
      if (embeddedPostgres != null) {
        embeddedPostgres.close();
      }
      System.exit(1);
      return;
    }
    Duration drain = config.server().drain();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(node, drain, embedded, embeddedPostgres),
        "townhall-shutdown"));
    LogLine.of(LOG).with("port", node.port()).with("metricsPort", node.metricsPort())
        .with("embeddedRedis", embedded != null)
        .with("embeddedPostgres", embeddedPostgres != null ? embeddedPostgres.port() : null)
        .info("Townhall node listening");
    System.out.println("Townhall is running: http://localhost:" + node.port() + "/");
    if (secrets.adminTokenFile() != null) {
      // never the token itself: stdout ends up in the journal, readable by more people than the key folder
      System.out.println("Organizer admin token: generated once and kept in " + secrets.adminTokenFile()
          + " (readable by this user only); set TOWNHALL_ADMIN_TOKEN to choose one");
    }
    String base = config.server().publicUrl().isEmpty() ? "http://localhost:" + node.port()
        : config.server().publicUrl();
    node.setupToken().ifPresent(token -> System.out.println(
        "First administrator: open this one-time setup link (valid 7 days): " + base + "/login#setup=" + token));
  }

  private static void stop(TownhallNode node, Duration drain, EmbeddedRedis embedded,
      EmbeddedPostgresServer embeddedPostgres) {
    LogLine.of(LOG).with("drainMs", drain.toMillis()).info("Townhall node stopping: draining");
    try {
      node.stop(drain).toCompletionStage().toCompletableFuture().get(drain.toSeconds() + 10, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("Townhall did not stop cleanly: " + e);
    } finally {
      if (embedded != null) {
        embedded.stop();
      }
      if (embeddedPostgres != null) {
        embeddedPostgres.close();
      }
    }
  }
}
