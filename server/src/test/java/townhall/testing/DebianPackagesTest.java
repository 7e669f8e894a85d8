package townhall.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class DebianPackagesTest {
  private static final Path MISSING = Path.of("/nonexistent/townhall/chromium");

  @Test
  void aMissingProgramSkipsTheTestNamingThePackageToInstall() {
    TestAbortedException skip = assertThrows(TestAbortedException.class,
        () -> DebianPackages.assumeInstalled(MISSING, "chromium", "This browser test", false));
    assertTrue(skip.getMessage().contains("sudo apt-get install -y chromium"), skip::getMessage);
    assertTrue(skip.getMessage().contains(MISSING.toString()), skip::getMessage);
  }

  @Test
  void whereEveryPackageIsRequiredAMissingProgramFailsTheTest() {
    AssertionError failure = assertThrows(AssertionError.class,
        () -> DebianPackages.assumeInstalled(MISSING, "nginx-light", "The nginx test", true));
    assertTrue(failure.getMessage().contains("nginx-light"), failure::getMessage);
  }

  @Test
  void anInstalledProgramLetsTheTestRun(@TempDir Path dir) throws Exception {
    Path program = java.nio.file.Files.createFile(dir.resolve("soffice"));
    assertTrue(program.toFile().setExecutable(true, true));
    assertDoesNotThrow(() -> DebianPackages.assumeInstalled(program, "libreoffice-calc-nogui", "x", true));
  }
}
