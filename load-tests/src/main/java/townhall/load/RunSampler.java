package townhall.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Once a second, on a thread of its own (not an event loop, which may be busy): the open connections of each
 * client group and the CPU and RSS of the processes given with {@code --pids} and of the generator itself.
 * Samples are kept by epoch second (the one that just ended: CPU is the average over it, connections are counted at
 * its end); every tenth second a progress line goes to stderr.
 */
public final class RunSampler {
  private final Measurements measurements;
  private final List<ProcessSampler> processes = new ArrayList<>();
  private final Map<String, TreeMap<Long, Double>> series = new TreeMap<>();
  private final Map<String, TreeMap<Long, Double>> samples = new TreeMap<>();
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "load-sampler");
    t.setDaemon(true);
    return t;
  });
  private int ticks;

  /**
   * @param pids processes to sample, by name
   * @param generatorName the name of the generator's own samples ({@code generator-<process index>})
   */
  public RunSampler(Measurements measurements, Map<String, Long> pids, String generatorName) {
    this.measurements = measurements;
    pids.forEach((name, pid) -> processes.add(new ProcessSampler(name, pid)));
    processes.add(new ProcessSampler(generatorName, ProcessHandle.current().pid()));
  }

  /** Starts sampling, on the wall-clock second boundaries. */
  public void start() {
    processes.forEach(ProcessSampler::sample);
    long delay = 1000 - System.currentTimeMillis() % 1000;
    thread.scheduleAtFixedRate(this::sample, delay, 1000, TimeUnit.MILLISECONDS);
  }

  private synchronized void sample() {
    // kept under the second that just ended, like the per-second counts: [second, second + 1)
    long second = Math.floorDiv(System.currentTimeMillis() + 500, 1000) - 1;
    StringBuilder line = new StringBuilder();
    for (ClientGroup group : ClientGroup.values()) {
      long open = measurements.connections(group).open();
      series.computeIfAbsent(group.name("connectionsOpen"), n -> new TreeMap<>()).put(second, (double) open);
      if (open > 0) {
        line.append(' ').append(group.key()).append('=').append(open);
      }
    }
    for (ProcessSampler process : processes) {
      ProcessSampler.Sample sample = process.sample();
      if (sample == null) {
        continue;
      }
      if (!Double.isNaN(sample.cpuPercent())) {
        samples.computeIfAbsent(process.name() + ".cpuPercent", n -> new TreeMap<>())
            .put(second, sample.cpuPercent());
        line.append(String.format(Locale.ROOT, " %s=%.0f%%cpu", process.name(), sample.cpuPercent()));
      }
      samples.computeIfAbsent(process.name() + ".rssBytes", n -> new TreeMap<>())
          .put(second, (double) sample.rssBytes());
    }
    if (++ticks % 10 == 0) {
      System.err.println("load: [sample]" + line);
    }
  }

  /** Stops sampling and adds the series to {@code result}. */
  public synchronized void finishInto(MeasurementResult result) {
    thread.shutdownNow();
    series.forEach(result::series);
    samples.forEach(result::samples);
  }
}
