package townhall.record;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import townhall.config.SecretFiles;

/**
 * The deployment's record key (Ed25519, from the JDK) and the public keys it publishes.
 *
 * <p>The key is kept in one file, two lines of base64: the private key (PKCS #8) and the public key (X.509
 * SubjectPublicKeyInfo). By default it is {@value #FILE} in the node's keys folder, generated once through
 * {@link SecretFiles}; {@code security.recordKeyFile} names a file instead (several nodes share one key the way
 * they share {@code REDIS_URL}; a missing file is generated). Beside it, {@code <key file>.public} lists every
 * public key the deployment has signed with, one {@code <kid> <public key>} line each, oldest first: a node adds its
 * key when it starts, and never removes one, so records signed before a rotation stay verifiable.
 *
 * <p>{@code kid} is the first 16 hex digits of the SHA-256 of the public key's X.509 bytes. Blocking file I/O:
 * call {@link #load} at start-up, off the event loop.
 */
public final class RecordKeys {
  public static final String FILE = "record-key";
  public static final String ALGORITHM = "Ed25519";
  private static final String PUBLIC_SUFFIX = ".public";

  /** A published public key: its id and its X.509 bytes in base64. */
  public record PublishedKey(String kid, String publicKey) {
  }

  private final PrivateKey privateKey;
  private final String kid;
  private final List<PublishedKey> published;

  private RecordKeys(PrivateKey privateKey, String kid, List<PublishedKey> published) {
    this.privateKey = privateKey;
    this.kid = kid;
    this.published = List.copyOf(published);
  }

  /**
   * The key in {@code configuredFile} (generated when missing), or, when it is empty, in {@value #FILE} of
   * {@code keysDir}; adds its public key to the published list when it is not there yet.
   */
  public static RecordKeys load(Path keysDir, String configuredFile) throws IOException {
    Path file = configuredFile == null || configuredFile.isBlank() ? keysDir.resolve(FILE)
        : Path.of(configuredFile).toAbsolutePath();
    String text = new SecretFiles(file.getParent()).readOrCreate(file.getFileName().toString(),
        RecordKeys::generateText);
    String[] lines = text.strip().split("\\s+");
    if (lines.length != 2) {
      throw new IOException(file + " is not a record key (two lines of base64: private key, public key)");
    }
    try {
      PrivateKey privateKey = KeyFactory.getInstance(ALGORITHM)
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines[0])));
      byte[] publicBytes = Base64.getDecoder().decode(lines[1]);
      KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(publicBytes));
      String kid = kidOf(publicBytes);
      return new RecordKeys(privateKey, kid, publish(file.resolveSibling(file.getFileName() + PUBLIC_SUFFIX),
          new PublishedKey(kid, lines[1])));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException(file + " is not a record key: " + e.getMessage(), e);
    }
  }

  /** A key kept in memory only (tests, tools): it publishes itself alone. */
  public static RecordKeys generate() {
    KeyPair pair = newPair();
    String publicKey = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    String kid = kidOf(pair.getPublic().getEncoded());
    return new RecordKeys(pair.getPrivate(), kid, List.of(new PublishedKey(kid, publicKey)));
  }

  /** The id of the key that signs now. */
  public String kid() {
    return kid;
  }

  /** Every public key of the deployment, the signing one included, oldest first. */
  public List<PublishedKey> published() {
    return published;
  }

  /** The Ed25519 signature of {@code message}, in base64. */
  public String sign(byte[] message) {
    try {
      Signature signature = Signature.getInstance(ALGORITHM);
      signature.initSign(privateKey);
      signature.update(message);
      return Base64.getEncoder().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Every Java 15+ signs with Ed25519", e);
    }
  }

  /** Whether {@code sig} (base64) is the signature of {@code message} by {@code publicKey} (X.509, base64). */
  public static boolean verify(String publicKey, byte[] message, String sig) {
    try {
      PublicKey key = KeyFactory.getInstance(ALGORITHM)
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
      Signature signature = Signature.getInstance(ALGORITHM);
      signature.initVerify(key);
      signature.update(message);
      return signature.verify(Base64.getDecoder().decode(sig));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  static String kidOf(byte[] publicKey) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey)).substring(0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair newPair() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Every Java 15+ has Ed25519", e);
    }
  }

  private static String generateText() {
    KeyPair pair = newPair();
    return Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n"
        + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n";
  }

  /** The published list with {@code current} in it (appended when it is new). */
  private static List<PublishedKey> publish(Path list, PublishedKey current) throws IOException {
    List<PublishedKey> keys = read(list);
    if (keys.stream().noneMatch(k -> k.kid().equals(current.kid()))) {
      // one short append: several nodes starting at once may each add the line; read() drops repeats
      Files.writeString(list, current.kid() + " " + current.publicKey() + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      ownerOnly(list);
      keys = read(list);
    }
    return keys;
  }

  /**
   * The list is public by nature (it is served at /.well-known), but it lives among the secrets of the keys folder,
   * where every file is the owner's only: one rule an operator can check with {@code ls -l}.
   */
  private static void ownerOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: its folder's access rules apply
    }
  }

  private static List<PublishedKey> read(Path list) throws IOException {
    List<PublishedKey> keys = new ArrayList<>();
    if (!Files.exists(list)) {
      return keys;
    }
    for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
      String[] parts = line.strip().split("\\s+");
      if (parts.length == 2 && keys.stream().noneMatch(k -> k.kid().equals(parts[0]))) {
        keys.add(new PublishedKey(parts[0], parts[1]));
      }
    }
    return keys;
  }
}
