package townhall.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The few tests that drive a program no Maven dependency ships (Chromium, nginx, LibreOffice) ask here first. Without
 * the program the test is skipped, and the skip names the Debian package to install; {@code .ci/run} installs them
 * all and sets {@value #REQUIRE}{@code =1}, which turns a missing package into a failure, so CI never passes by
 * skipping. (Redis needs no package: {@link RedisBinary}.)
 */
public final class DebianPackages {
  /** Environment variable: set (to anything but empty) where every package must be present, as in CI. */
  public static final String REQUIRE = "TOWNHALL_TEST_REQUIRE_PACKAGES";

  private DebianPackages() {
  }

  /**
   * Skips the calling test (or, under {@value #REQUIRE}, fails it) unless {@code executable} exists and may be run.
   *
   * @param aptPackage the Debian package that installs it, named in the message
   * @param usedFor what the test does with it, for the message
   */
  public static void assumeInstalled(Path executable, String aptPackage, String usedFor) {
    assumeInstalled(executable, aptPackage, usedFor, !System.getenv().getOrDefault(REQUIRE, "").isEmpty());
  }

  static void assumeInstalled(Path executable, String aptPackage, String usedFor, boolean required) {
    if (Files.isExecutable(executable)) {
      return;
    }
    String message = usedFor + " needs Debian's " + aptPackage + " (" + executable + " is missing): "
        + "sudo apt-get install -y " + aptPackage + ", or run .ci/run, which installs it";
    if (required) {
      throw new AssertionError(message);
    }
    Assumptions.abort(message);
  }
}
