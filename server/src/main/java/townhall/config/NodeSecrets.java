package townhall.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The secrets a node works with, none of them kept in Redis: each is configured (file or environment) or generated
 * once into the node's {@link TownhallConfig.Server#keysDir() keys folder} through {@link SecretFiles}.
 *
 * <p>Several nodes must hold the same secrets (a token signed by one is checked by another). With the embedded Redis
 * a node is alone by construction; with an external Redis it may not be, so a node that would have to generate a
 * secret refuses to start unless {@code security.singleNode} says it is alone, or the keys folder already holds
 * the secret (copied from the node that made it, or shared by the nodes of one machine).
 *
 * @param adminToken           the organizer's bearer token
 * @param adminTokenFile       where a generated admin token is kept, or {@code null} when it was configured
 * @param tokenSecret          signs participant tokens
 * @param previousTokenSecrets earlier secrets whose tokens are still accepted
 * @param addressHashKey       keys the hashes of client addresses (never the token secret)
 */
public record NodeSecrets(String adminToken, Path adminTokenFile, String tokenSecret,
    List<String> previousTokenSecrets, String addressHashKey) {

  static final String ADMIN_TOKEN = "admin-token";
  static final String TOKEN_SECRET = "token-secret";
  static final String ADDRESS_HASH_KEY = "address-hash-key";
  static final String REDIS_PASSWORD = "redis-password";
  /** Where the token secret that older versions kept in Redis is put aside, never accepted unless configured. */
  public static final String RETIRED_REDIS_TOKEN_SECRET = "token-secret.from-redis";

  private static final SecureRandom RANDOM = new SecureRandom();

  public NodeSecrets {
    previousTokenSecrets = List.copyOf(previousTokenSecrets);
  }

  /**
   * The node's secrets: configured ones as they are, the others read from (or generated once into) the keys folder.
   * Blocking file I/O: call it at start-up, before Vert.x runs.
   *
   * @throws ConfigException naming the settings to set, when an external Redis may be shared by nodes that would
   *                         each generate a different secret
   */
  public static NodeSecrets resolve(TownhallConfig config) throws IOException {
    TownhallConfig.Security security = config.security();
    SecretFiles files = new SecretFiles(config.server().keysDir());
    if (!config.redis().embedded() && !security.singleNode()) {
      List<String> missing = new ArrayList<>();
      addIfMissing(missing, files, security.tokenSecret(), TOKEN_SECRET,
          "security.tokenSecret (TOWNHALL_SECURITY_TOKENSECRET)");
      addIfMissing(missing, files, security.addressHashKey(), ADDRESS_HASH_KEY,
          "security.addressHashKey (TOWNHALL_SECURITY_ADDRESSHASHKEY)");
      addIfMissing(missing, files, security.adminToken(), ADMIN_TOKEN, "security.adminToken (TOWNHALL_ADMIN_TOKEN)");
      if (!missing.isEmpty()) {
        throw new ConfigException("With an external Redis (redis.url) several nodes would each generate different"
            + " secrets. Set " + String.join(", ", missing) + " to the same values on every node (each at least 32"
            + " characters, e.g. `openssl rand -base64 32`), or copy the files of " + files.dir()
            + " from the node that made them, or set security.singleNode=true (TOWNHALL_SECURITY_SINGLENODE) when"
            + " this node is the deployment's only one");
      }
    }
    String tokenSecret = orFile(files, security.tokenSecret(), TOKEN_SECRET);
    String addressHashKey = orFile(files, security.addressHashKey(), ADDRESS_HASH_KEY);
    boolean adminGenerated = security.adminToken().isEmpty();
    String adminToken = orFile(files, security.adminToken(), ADMIN_TOKEN);
    return new NodeSecrets(adminToken, adminGenerated ? files.path(ADMIN_TOKEN) : null, tokenSecret,
        security.previousTokenSecrets(), addressHashKey);
  }

  /** The embedded Redis's password, generated once into the keys folder. Blocking. */
  public static String embeddedRedisPassword(TownhallConfig config) throws IOException {
    return new SecretFiles(config.server().keysDir()).readOrCreate(REDIS_PASSWORD, NodeSecrets::generate);
  }

  /** 256 random bits, base64url without padding (43 characters). */
  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static void addIfMissing(List<String> missing, SecretFiles files, String configured, String file,
      String setting) {
    if (configured.isEmpty() && !Files.exists(files.path(file))) {
      missing.add(setting);
    }
  }

  private static String orFile(SecretFiles files, String configured, String file) throws IOException {
    return configured.isEmpty() ? files.readOrCreate(file, NodeSecrets::generate) : configured;
  }

  @Override
  public String toString() {
    return "NodeSecrets[adminTokenFile=" + adminTokenFile + ", secrets hidden]";
  }
}
