package townhall.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a node's secrets come from: configured, or generated once into its key folder; never from Redis. */
class NodeSecretsTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef-x";

  private static TownhallConfig config(Path dataDir, Map<String, Object> more) {
    Map<String, Object> all = new HashMap<>(more);
    all.put("server.dataDir", dataDir.toString());
    return ConfigLoader.load(Map.of(), all);
  }

  @Test
  void embeddedDefaultGeneratesEachSecretOnceIntoPrivateFiles(@TempDir Path dataDir) throws Exception {
    TownhallConfig config = config(dataDir, Map.of());

    NodeSecrets first = NodeSecrets.resolve(config);
    NodeSecrets again = NodeSecrets.resolve(config);

    assertEquals(first.tokenSecret(), again.tokenSecret());
    assertEquals(first.adminToken(), again.adminToken(), "the same admin token across restarts");
    assertEquals(first.addressHashKey(), again.addressHashKey());
    assertNotEquals(first.tokenSecret(), first.addressHashKey(), "address hashes have a key of their own");
    assertTrue(first.adminToken().length() >= 32);
    Path keys = config.server().keysDir();
    assertEquals(keys.resolve("admin-token").toAbsolutePath(), first.adminTokenFile());
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
    for (String name : new String[] {"admin-token", "token-secret", "address-hash-key"}) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve(name))),
          name);
    }
    assertFalse(first.toString().contains(first.tokenSecret()), "secrets stay out of log lines");
  }

  @Test
  void configuredSecretsAreUsedAsTheyAreAndNothingIsWritten(@TempDir Path dataDir) throws Exception {
    String other = SECRET.replace('x', 'y');
    String admin = SECRET.replace('x', 'z');
    NodeSecrets secrets = NodeSecrets.resolve(config(dataDir, Map.of("redis.url", "redis://10.0.0.5:6379",
        "security.tokenSecret", SECRET, "security.addressHashKey", other, "security.adminToken", admin)));

    assertEquals(SECRET, secrets.tokenSecret());
    assertEquals(other, secrets.addressHashKey());
    assertEquals(admin, secrets.adminToken());
    assertNull(secrets.adminTokenFile());
    assertFalse(Files.exists(dataDir.resolve("keys").resolve("token-secret")));
  }

  /** Two nodes on one external Redis would each generate a secret of their own: refused, naming the settings. */
  @Test
  void externalRedisWithoutConfiguredSecretsRefusesToStartNamingTheSettings(@TempDir Path dataDir) {
    ConfigException e = assertThrows(ConfigException.class, () -> NodeSecrets.resolve(
        config(dataDir, Map.of("redis.url", "redis://10.0.0.5:6379"))));

    for (String named : new String[] {"security.tokenSecret", "TOWNHALL_SECURITY_TOKENSECRET",
        "security.addressHashKey", "security.adminToken", "security.singleNode"}) {
      assertTrue(e.getMessage().contains(named), () -> named + " in: " + e.getMessage());
    }
    assertFalse(Files.exists(dataDir.resolve("keys").resolve("token-secret")), "nothing generated");
  }

  @Test
  void externalRedisGeneratesWhenTheNodeSaysItIsAlone(@TempDir Path dataDir) throws Exception {
    TownhallConfig alone = config(dataDir, Map.of("redis.url", "redis://10.0.0.5:6379",
        "security.singleNode", true));

    NodeSecrets secrets = NodeSecrets.resolve(alone);

    assertEquals(secrets.tokenSecret(), NodeSecrets.resolve(alone).tokenSecret());
    // the folder now holds them: a node on another machine given a copy of it starts with the same secrets
    Path copy = dataDir.resolve("copy");
    Files.createDirectories(copy.resolve("keys"));
    for (String name : new String[] {"admin-token", "token-secret", "address-hash-key"}) {
      Files.copy(dataDir.resolve("keys").resolve(name), copy.resolve("keys").resolve(name));
    }
    NodeSecrets other = NodeSecrets.resolve(config(copy, Map.of("redis.url", "redis://10.0.0.5:6379")));
    assertEquals(secrets.tokenSecret(), other.tokenSecret());
    assertEquals(secrets.addressHashKey(), other.addressHashKey());
  }
}
