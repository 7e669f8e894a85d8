package townhall.service;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes through Bouncy Castle, kept in the PHC string form
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}) so the parameters can be raised later and old hashes still
 * verify. Hashing costs tens of milliseconds of CPU and 19 MiB: it runs on a worker thread, never an event loop.
 */
public final class Passwords {
  /** OWASP's first recommendation for Argon2id: 19 MiB, 2 passes, 1 lane. */
  private static final int MEMORY_KIB = 19_456;
  private static final int ITERATIONS = 2;
  private static final int PARALLELISM = 1;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  public static final int MIN_LENGTH = 10;
  public static final int MAX_LENGTH = 256;

  private final Vertx vertx;
  private final SecureRandom random = new SecureRandom();
  /**
   * Verified against when an email is unknown, so both answers take as long (no account enumeration by timing).
   * Made on a worker at the first such check, not in the constructor: the node is wired on an event loop.
   */
  private volatile String decoy;

  public Passwords(Vertx vertx) {
    this.vertx = vertx;
  }

  public Future<String> hash(String password) {
    return vertx.executeBlocking(() -> hashNow(password), false);
  }

  /** Whether {@code password} matches {@code phc}; a null {@code phc} checks against a decoy and answers false. */
  public Future<Boolean> verify(String password, String phc) {
    return vertx.executeBlocking(() -> {
      if (phc == null) {
        verifyNow(password, decoy());
        return false;
      }
      return verifyNow(password, phc);
    }, false);
  }

  /** Called on workers only; two first checks at once may both make one, which is harmless. */
  private String decoy() {
    String made = decoy;
    if (made == null) {
      made = hashNow("decoy password that matches nothing");
      decoy = made;
    }
    return made;
  }

  String hashNow(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$"
        + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
  }

  static boolean verifyNow(String password, String phc) {
    String[] parts = phc.split("\\$");
    if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
      return false;
    }
    int memory = 0;
    int iterations = 0;
    int parallelism = 0;
    for (String setting : parts[3].split(",")) {
      String[] kv = setting.split("=", 2);
      int value = Integer.parseInt(kv[1]);
      switch (kv[0]) {
        case "m" -> memory = value;
        case "t" -> iterations = value;
        case "p" -> parallelism = value;
        default -> {
          return false;
        }
      }
    }
    Base64.Decoder b64 = Base64.getDecoder();
    byte[] salt = b64.decode(parts[4]);
    byte[] expected = b64.decode(parts[5]);
    byte[] actual = derive(password, salt, memory, iterations, parallelism, expected.length);
    return MessageDigest.isEqual(expected, actual);
  }

  private static byte[] derive(String password, byte[] salt, int memory, int iterations, int parallelism,
      int length) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(
        Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(memory).withIterations(iterations)
        .withParallelism(parallelism).withSalt(salt).build());
    byte[] out = new byte[length];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
