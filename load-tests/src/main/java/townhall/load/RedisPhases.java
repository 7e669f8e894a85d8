package townhall.load;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Redis's own accounts at named moments of a run ({@code INFO commandstats}, {@code INFO memory}), turned into
 * per-phase differences: counters {@code redis.<phase>.<command>.calls} and {@code .usec} (microseconds Redis spent
 * running that command, EVALSHA standing for every script; commands a script runs are counted under their own name
 * too, and their time is part of EVALSHA's), {@code redis.<phase>.cpuMicros} (CPU time of Redis's main thread, the
 * whole of what the phase cost Redis) and {@code redis.memory.<moment>} (used_memory, bytes).
 * A moment that could not be read is left out (and said on stderr).
 */
final class RedisPhases {
  private final RedisInfo redis;
  private final Map<String, Map<String, long[]>> stats = new HashMap<>();
  private final Map<String, Long> memory = new HashMap<>();
  private final Map<String, Long> cpu = new HashMap<>();

  /** @param address {@code host:port} of the Redis */
  RedisPhases(String address) {
    this.redis = new RedisInfo(address);
  }

  /** Reads the accounts now, under this moment's name. Blocks for a round trip; call off the event loops. */
  synchronized void mark(String moment) {
    try {
      cpu.put(moment, redis.mainThreadCpuMicros());
      stats.put(moment, redis.commandStats());
      memory.put(moment, redis.usedMemory());
    } catch (IOException | RuntimeException e) {
      LoadRun.progress("cannot read INFO of the Redis at %s: %s", moment, e);
    }
  }

  /** Adds the differences between two moments as phase {@code phase}, and every moment's memory. */
  synchronized void addTo(MeasurementResult result, String phase, String from, String to) {
    Map<String, long[]> before = stats.get(from);
    Map<String, long[]> after = stats.get(to);
    if (cpu.containsKey(from) && cpu.containsKey(to)) {
      result.count("redis." + phase + ".cpuMicros", cpu.get(to) - cpu.get(from));
    }
    if (before != null && after != null) {
      after.forEach((command, values) -> {
        long[] old = before.getOrDefault(command, new long[2]);
        long calls = values[0] - old[0];
        if (calls > 0 && !command.equals("info")) { // (the generator's own INFO)
          result.count("redis." + phase + "." + command + ".calls", calls);
          result.count("redis." + phase + "." + command + ".usec", values[1] - old[1]);
        }
      });
    }
  }

  /** Adds {@code redis.memory.<moment>} for every moment read. */
  synchronized void addMemoryTo(MeasurementResult result) {
    memory.forEach((moment, bytes) -> result.count("redis.memory." + moment, bytes));
  }
}
