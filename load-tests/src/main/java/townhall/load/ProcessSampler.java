package townhall.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Reads one process's CPU time and resident memory from Linux's {@code /proc}: {@code /proc/<pid>/stat} (utime +
 * stime, in clock ticks) and {@code /proc/<pid>/status} ({@code VmRSS}). Each {@link #sample} gives the CPU used
 * since the previous one as a percentage of one core (200 % = two cores busy). Not thread-safe.
 */
public final class ProcessSampler {
  private static final long CLOCK_TICKS = clockTicks();

  private final String name;
  private final long pid;
  private long lastTicks = -1;
  private long lastNanos;

  /**
   * @param name the name the samples are kept under (server, redis, generator-0...)
   * @param pid the process id
   */
  public ProcessSampler(String name, long pid) {
    this.name = name;
    this.pid = pid;
  }

  /** The samples' name. */
  public String name() {
    return name;
  }

  /**
   * Samples now: CPU % of one core since the previous sample ({@code NaN} the first time) and RSS in bytes; or
   * {@code null} when the process cannot be read (gone, not Linux).
   */
  public Sample sample() {
    try {
      long ticks = cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
      long rss = rssBytes(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
      long now = System.nanoTime();
      double cpu = Double.NaN;
      if (lastTicks >= 0 && now > lastNanos) {
        double cpuSeconds = (ticks - lastTicks) / (double) CLOCK_TICKS;
        cpu = 100.0 * cpuSeconds / ((now - lastNanos) / 1e9);
      }
      lastTicks = ticks;
      lastNanos = now;
      return new Sample(cpu, rss);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** utime + stime from a {@code /proc/<pid>/stat} line (fields 14 and 15; the command name may hold spaces). */
  static long cpuTicks(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    // fields[0] is field 3 (state), so field n is fields[n - 3]
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** VmRSS from {@code /proc/<pid>/status}, in bytes. */
  static long rssBytes(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("VmRSS:")) {
        String[] parts = line.substring(6).trim().split("\\s+");
        return Long.parseLong(parts[0]) * 1024;
      }
    }
    throw new IllegalStateException("no VmRSS");
  }

  private static long clockTicks() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(getconf.getInputStream().readAllBytes()).trim();
      if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
        return Long.parseLong(out);
      }
    } catch (IOException | RuntimeException e) {
      // fall back to Linux's usual value
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 100;
  }

  /**
   * One sample.
   *
   * @param cpuPercent CPU since the previous sample, % of one core ({@code NaN} for the first)
   * @param rssBytes resident set size
   */
  public record Sample(double cpuPercent, long rssBytes) {
  }
}
