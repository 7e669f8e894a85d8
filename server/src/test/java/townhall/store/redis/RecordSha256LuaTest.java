package townhall.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import townhall.record.ChainHash;
import townhall.testing.TestRedis;

/**
 * The SHA-256 written in Redis's Lua ({@code lua/sha256.lua}, with the {@code bit} library) gives the FIPS 180-4
 * test vectors and Java's digest for messages of every length around the padding's block boundaries and of every
 * byte value, and the chain step of {@code lib_record.lua} is {@link ChainHash#next}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RecordSha256LuaTest {
  private static TestRedis redis;
  private static RedisClient client;
  private static StatefulRedisConnection<byte[], byte[]> connection;
  private static String sha256Lua;

  @BeforeAll
  static void start() throws IOException {
    redis = TestRedis.start();
    client = RedisClient.create(redis.url());
    connection = client.connect(ByteArrayCodec.INSTANCE);
    try (InputStream in = RecordSha256LuaTest.class.getClassLoader().getResourceAsStream("lua/sha256.lua")) {
      sha256Lua = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @AfterAll
  static void stop() {
    connection.close();
    client.shutdown();
    redis.close();
  }

  private static String lua(String body, byte[]... args) {
    byte[] result = connection.sync().eval(sha256Lua + "\n" + body, ScriptOutputType.VALUE, new byte[0][], args);
    return new String(result, StandardCharsets.US_ASCII);
  }

  private static String luaSha256(byte[] message) {
    return lua("return sha256_hex(ARGV[1])", message);
  }

  private static String javaSha256(byte[] message) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(message));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void fipsVectors() {
    assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", luaSha256(new byte[0]));
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", luaSha256(ascii("abc")));
    assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
        luaSha256(ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")));
    assertEquals("cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
        luaSha256(ascii("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
            + "klmnopqrlmnopqrsmnopqrstnopqrstu")));
    byte[] million = new byte[1_000_000];
    java.util.Arrays.fill(million, (byte) 'a');
    assertEquals("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", luaSha256(million));
  }

  @Test
  void everyLengthAroundTheBlockBoundariesAndEveryByteValue() {
    Random random = new Random(7);
    for (int length = 0; length <= 200; length++) {
      byte[] message = new byte[length];
      random.nextBytes(message);
      assertEquals(javaSha256(message), luaSha256(message), "length " + length);
    }
    byte[] everyByte = new byte[256];
    for (int i = 0; i < 256; i++) {
      everyByte[i] = (byte) i;
    }
    assertEquals(javaSha256(everyByte), luaSha256(everyByte));
    byte[] vietnamese = "Đường Lê Lợi: \"sửa\" khi nào? 🙂\n".getBytes(StandardCharsets.UTF_8);
    assertEquals(javaSha256(vietnamese), luaSha256(vietnamese));
  }

  @Test
  void chainStepIsTheOneTheVerifierComputes() {
    String entry = "{\"k\":\"asked\",\"n\":2,\"q\":\"1\",\"text\":\"Đường Lê Lợi?\"}";
    String previous = javaSha256(ascii("any previous link"));
    assertEquals(ChainHash.next(previous, entry),
        lua("return sha256_hex(hex_to_bytes(ARGV[1]) .. ARGV[2])", ascii(previous),
            entry.getBytes(StandardCharsets.UTF_8)));
    assertEquals(ChainHash.next(ChainHash.START, entry),
        lua("return sha256_hex(hex_to_bytes(string.rep('0', 64)) .. ARGV[1])", entry.getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
