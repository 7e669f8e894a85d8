package townhall.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The fault tests' Redis is available without Debian's package: the shipped binary is a full server. */
class RedisBinaryTest {
  @Test
  void theShippedBinaryIsExtractedOnceAndIsARedis7Server() throws Exception {
    Path first = RedisBinary.bundled();
    assertEquals(first, RedisBinary.bundled(), "extracted once per JVM");
    assertTrue(Files.isExecutable(first), first::toString);
    Process help = new ProcessBuilder(first.toString(), "--version").redirectErrorStream(true).start();
    String version = new String(help.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(help.waitFor(10, TimeUnit.SECONDS));
    assertTrue(version.contains("v=7."), version);
  }
}
