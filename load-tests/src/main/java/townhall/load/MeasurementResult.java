package townhall.load;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.HdrHistogram.Histogram;

/**
 * Everything one run (or several merged runs) measured, in a form that adds up exactly: named counters, named
 * counts by kind, HdrHistograms (whole run and per second of intended send), per-vote and per-ask "slowest client"
 * arrays, per-second series that add up (connections, frames, errors), and per-process samples (CPU, RSS) that are
 * kept as they are. Names are listed in the module's README. The summary ({@link ResultReport}) and the HTML
 * report ({@link HtmlReport}) are derived from it, so a merged result reads exactly like a single one.
 */
public final class MeasurementResult {
  private final Map<String, Long> counters = new TreeMap<>();
  private final Map<String, Map<String, Long>> countMaps = new TreeMap<>();
  private final Map<String, Histogram> histograms = new TreeMap<>();
  private final Map<String, TreeMap<Long, Histogram>> bySecond = new TreeMap<>();
  private final Map<String, int[]> slowest = new TreeMap<>();
  private final Map<String, TreeMap<Long, Double>> series = new TreeMap<>();
  private final Map<String, TreeMap<Long, Double>> samples = new TreeMap<>();

  /** Adds {@code value} to a counter. */
  public MeasurementResult count(String name, long value) {
    counters.merge(name, value, Long::sum);
    return this;
  }

  /** A counter, 0 when absent. */
  public long counter(String name) {
    return counters.getOrDefault(name, 0L);
  }

  /** The names of the counters. */
  public Iterable<String> counterNames() {
    return counters.keySet();
  }

  /** Adds counts by kind. */
  public MeasurementResult counts(String name, Map<String, Long> counts) {
    Map<String, Long> into = countMaps.computeIfAbsent(name, n -> new TreeMap<>());
    counts.forEach((kind, n) -> into.merge(kind, n, Long::sum));
    return this;
  }

  /** Counts by kind, empty when absent. */
  public Map<String, Long> counts(String name) {
    return countMaps.getOrDefault(name, Map.of());
  }

  /** Adds a histogram's values. */
  public MeasurementResult histogram(String name, Histogram histogram) {
    histograms.computeIfAbsent(name, n -> Latency.histogram()).add(histogram);
    return this;
  }

  /** A histogram, empty when absent. */
  public Histogram histogram(String name) {
    return histograms.getOrDefault(name, Latency.histogram());
  }

  /** Adds histograms by second. */
  public MeasurementResult bySecond(String name, Map<Long, Histogram> perSecond) {
    TreeMap<Long, Histogram> into = bySecond.computeIfAbsent(name, n -> new TreeMap<>());
    perSecond.forEach((second, h) -> into.computeIfAbsent(second, s -> Latency.histogram()).add(h));
    return this;
  }

  /** Histograms by second, empty when absent. */
  public TreeMap<Long, Histogram> bySecond(String name) {
    return bySecond.getOrDefault(name, new TreeMap<>());
  }

  /**
   * Combines a "slowest client" array (µs per scheduled event, {@link VoteVisibility#NOT_SEEN_BY_ALL} when some
   * client missed it): the slower of the two, and not seen when either side missed it.
   */
  public MeasurementResult slowest(String name, int[] values) {
    int[] known = slowest.get(name);
    if (known == null) {
      slowest.put(name, values.clone());
      return this;
    }
    if (known.length != values.length) {
      throw new IllegalArgumentException(name + ": " + known.length + " and " + values.length
          + " scheduled events; the results are not from one run");
    }
    for (int i = 0; i < known.length; i++) {
      known[i] = known[i] < 0 || values[i] < 0 ? VoteVisibility.NOT_SEEN_BY_ALL : Math.max(known[i], values[i]);
    }
    return this;
  }

  /** A "slowest client" array, or {@code null} when no client of that group was measured. */
  public int[] slowest(String name) {
    return slowest.get(name);
  }

  /** Adds to a per-second series (epoch second to value). */
  public MeasurementResult series(String name, Map<Long, Double> values) {
    TreeMap<Long, Double> into = series.computeIfAbsent(name, n -> new TreeMap<>());
    values.forEach((second, v) -> into.merge(second, v, Double::sum));
    return this;
  }

  /** A per-second series, empty when absent. */
  public TreeMap<Long, Double> series(String name) {
    return series.getOrDefault(name, new TreeMap<>());
  }

  /** Names of the per-second series. */
  public Iterable<String> seriesNames() {
    return series.keySet();
  }

  /** Keeps a process sample series (epoch second to value) unless one of that name is already kept. */
  public MeasurementResult samples(String name, Map<Long, Double> values) {
    samples.putIfAbsent(name, new TreeMap<>(values));
    return this;
  }

  /** The process sample series by name ({@code <process>.cpuPercent}, {@code <process>.rssBytes}). */
  public Map<String, TreeMap<Long, Double>> samples() {
    return samples;
  }

  /** Adds everything of {@code other} into this one. */
  public MeasurementResult merge(MeasurementResult other) {
    other.counters.forEach(this::count);
    other.countMaps.forEach(this::counts);
    other.histograms.forEach(this::histogram);
    other.bySecond.forEach(this::bySecond);
    other.slowest.forEach(this::slowest);
    other.series.forEach(this::series);
    other.samples.forEach(this::samples);
    return this;
  }

  /** The JSON form (histograms and arrays as base64). */
  public JsonObject toJson() {
    JsonObject histogramJson = new JsonObject();
    histograms.forEach((name, h) -> histogramJson.put(name, HistogramCodec.encode(h)));
    JsonObject bySecondJson = new JsonObject();
    bySecond.forEach((name, perSecond) -> bySecondJson.put(name,
        keyed(perSecond, (s, h) -> HistogramCodec.encode(h))));
    JsonObject slowestJson = new JsonObject();
    slowest.forEach((name, values) -> slowestJson.put(name, HistogramCodec.encodeInts(values)));
    JsonObject seriesJson = new JsonObject();
    series.forEach((name, values) -> seriesJson.put(name, keyed(values, (s, v) -> v)));
    JsonObject samplesJson = new JsonObject();
    samples.forEach((name, values) -> samplesJson.put(name, keyed(values, (s, v) -> v)));
    JsonObject countMapsJson = new JsonObject();
    countMaps.forEach((name, counts) -> countMapsJson.put(name, new JsonObject(Map.copyOf(counts))));
    return new JsonObject()
        .put("counters", new JsonObject(Map.copyOf(counters)))
        .put("counts", countMapsJson)
        .put("histograms", histogramJson)
        .put("histogramsBySecond", bySecondJson)
        .put("slowest", slowestJson)
        .put("series", seriesJson)
        .put("samples", samplesJson);
  }

  /** Reads {@link #toJson}'s form. */
  public static MeasurementResult fromJson(JsonObject json) {
    MeasurementResult result = new MeasurementResult();
    json.getJsonObject("counters", new JsonObject())
        .forEach(e -> result.count(e.getKey(), ((Number) e.getValue()).longValue()));
    json.getJsonObject("counts", new JsonObject()).forEach(e -> {
      Map<String, Long> counts = new TreeMap<>();
      ((JsonObject) e.getValue()).forEach(c -> counts.put(c.getKey(), ((Number) c.getValue()).longValue()));
      result.counts(e.getKey(), counts);
    });
    json.getJsonObject("histograms", new JsonObject())
        .forEach(e -> result.histogram(e.getKey(), HistogramCodec.decode((String) e.getValue())));
    json.getJsonObject("histogramsBySecond", new JsonObject()).forEach(e -> {
      Map<Long, Histogram> perSecond = new TreeMap<>();
      ((JsonObject) e.getValue()).forEach(s -> perSecond.put(Long.parseLong(s.getKey()),
          HistogramCodec.decode((String) s.getValue())));
      result.bySecond(e.getKey(), perSecond);
    });
    json.getJsonObject("slowest", new JsonObject())
        .forEach(e -> result.slowest(e.getKey(), HistogramCodec.decodeInts((String) e.getValue())));
    json.getJsonObject("series", new JsonObject()).forEach(e -> result.series(e.getKey(), numbers(e.getValue())));
    json.getJsonObject("samples", new JsonObject())
        .forEach(e -> result.samples(e.getKey(), numbers(e.getValue())));
    return result;
  }

  private static <V> JsonObject keyed(Map<Long, V> values, BiFunction<Long, V, Object> encode) {
    JsonObject json = new JsonObject();
    values.forEach((key, value) -> json.put(Long.toString(key), encode.apply(key, value)));
    return json;
  }

  private static Map<Long, Double> numbers(Object json) {
    Map<Long, Double> values = new TreeMap<>();
    ((JsonObject) json).forEach(e -> values.put(Long.parseLong(e.getKey()), ((Number) e.getValue()).doubleValue()));
    return values;
  }
}
