package townhall.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The web client's files, read once at start from the classpath and kept in memory, ready to send.
 *
 * <p>Every file under {@code assets/} is published under a content-hashed URL, {@code /assets/<hash>/<path>}, that
 * may be cached for a year: the hash covers the file and, transitively, every asset it refers to, so a change to
 * any of them gives the file a new URL. References are rewritten in what is served: {@code "/assets/..."} strings
 * in pages, scripts, styles and the manifest, and the relative {@code import ... from './x.js'} specifiers of the
 * ES modules, static and {@code import()} (to absolute hashed URLs; there is no build step, so this happens here).
 * Each page also gets a {@code <link rel="modulepreload">} for every module its entry script imports statically,
 * directly or not, so a slow network fetches the graph it needs to start in one go instead of one round per import
 * level; modules loaded with {@code import()} once the page is usable are not preloaded.
 *
 * <p>Text files are kept gzipped (level 9) next to the plain bytes. The service worker ({@code sw.js}) gets the
 * client's version and the hashed URLs of the resident pages' shell written into it.
 */
public final class WebAssets {
  /** Length of the hash in asset URLs: 48 bits, hex. */
  static final int HASH_CHARS = 12;
  static final String SERVICE_WORKER = "sw.js";
  /** The pages whose files the service worker keeps for offline use: the join page and the resident page. */
  static final List<String> SHELL_PAGES = List.of("index.html", "audience.html");

  private static final String ASSETS = "assets/";
  private static final Pattern ABSOLUTE_REF = Pattern.compile("([\"'(])/assets/([^\"'()?#\\s]+)([\"')])");
  private static final Pattern RELATIVE_IMPORT =
      Pattern.compile("(\\bfrom\\s*|\\bimport\\s*)([\"'])(\\.{1,2}/[^\"'\\s]+)\\2");
  /** {@code import('./x.js')}, but not a JSDoc type ({@code {import('./x.js').X}}, {@code name: import(...)}). */
  private static final Pattern DYNAMIC_IMPORT =
      Pattern.compile("(?<![{:|]\\s?)(\\bimport\\s*\\(\\s*)([\"'])(\\.{1,2}/[^\"'\\s]+)\\2");
  private static final Pattern MODULE_SCRIPT =
      Pattern.compile("<script type=\"module\" src=\"/assets/([^\"]+)\"></script>");
  private static final Set<String> COMPRESSIBLE = Set.of("html", "js", "css", "svg", "webmanifest", "json", "txt");
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "svg", "image/svg+xml",
      "png", "image/png",
      "webmanifest", "application/manifest+json",
      "json", "application/json",
      "txt", "text/plain; charset=utf-8");

  /** One file as served: its bytes, gzipped bytes when that is worth it, its type and an entity tag. */
  record Served(byte[] plain, byte[] gzip, String contentType, String etag) {
  }

  private final Map<String, Served> byHashedUrl;
  private final Map<String, Served> assetsByPath;
  private final Map<String, Served> pages;
  private final Map<String, String> hashedUrls;
  private final Served serviceWorker;
  private final String version;

  private WebAssets(Map<String, Served> byHashedUrl, Map<String, Served> assetsByPath, Map<String, Served> pages,
      Map<String, String> hashedUrls, Served serviceWorker, String version) {
    this.byHashedUrl = byHashedUrl;
    this.assetsByPath = assetsByPath;
    this.pages = pages;
    this.hashedUrls = hashedUrls;
    this.serviceWorker = serviceWorker;
    this.version = version;
  }

  /** Reads every file under {@code root} on the classpath (a folder or a jar). Blocking: call off the event loop. */
  static WebAssets load(String root) {
    return fromFiles(readTree(root));
  }

  /** The asset published at this hashed URL ({@code /assets/<hash>/app/x.js}), if any. */
  Optional<Served> hashed(String urlPath) {
    return Optional.ofNullable(byHashedUrl.get(urlPath));
  }

  /**
   * An asset by its path under {@code assets/}, whatever hash (or none) the URL carried: what a page of an older
   * deployment may still ask for. Served without the long-lived cache headers.
   */
  Optional<Served> byPath(String pathUnderAssets) {
    return Optional.ofNullable(assetsByPath.get(pathUnderAssets));
  }

  Optional<Served> page(String name) {
    return Optional.ofNullable(pages.get(name));
  }

  /** A page with {@code headTags} added at the end of its head: a page of this request only, compressed now. */
  Optional<Served> page(String name, String headTags) {
    Served page = pages.get(name);
    if (page == null) {
      return Optional.empty();
    }
    String html = new String(page.plain(), StandardCharsets.UTF_8);
    int head = html.indexOf("</head>");
    String withTags = head < 0 ? html : html.substring(0, head) + "  " + headTags + "\n" + html.substring(head);
    return Optional.of(served(name, withTags.getBytes(StandardCharsets.UTF_8)));
  }

  Served serviceWorker() {
    return serviceWorker;
  }

  /** {@code /assets/<hash>/<path>} for {@code /assets/<path>}. */
  String hashedUrl(String pathUnderAssets) {
    return hashedUrls.get(pathUnderAssets);
  }

  /** A hash of every file of the client. */
  String version() {
    return version;
  }

  // ------------------------------------------------------------------------------------------------ building

  static WebAssets fromFiles(Map<String, byte[]> files) {
    Map<String, byte[]> assets = new TreeMap<>();
    files.forEach((path, bytes) -> {
      if (path.startsWith(ASSETS)) {
        assets.put(path.substring(ASSETS.length()), bytes);
      }
    });
    Map<String, String> rawHashes = new TreeMap<>();
    Map<String, Set<String>> refs = new TreeMap<>();
    Map<String, Set<String>> staticImports = new TreeMap<>();
    for (Map.Entry<String, byte[]> asset : assets.entrySet()) {
      rawHashes.put(asset.getKey(), sha256(asset.getValue()));
      refs.put(asset.getKey(), references(asset.getKey(), asset.getValue(), assets.keySet(), true));
      staticImports.put(asset.getKey(), references(asset.getKey(), asset.getValue(), assets.keySet(), false));
    }
    Map<String, String> hashedUrls = new TreeMap<>();
    for (String path : assets.keySet()) {
      StringBuilder basis = new StringBuilder(rawHashes.get(path));
      for (String dependency : closure(Set.of(path), refs)) {
        basis.append('\n').append(dependency).append(' ').append(rawHashes.get(dependency));
      }
      String hash = sha256(basis.toString().getBytes(StandardCharsets.UTF_8)).substring(0, HASH_CHARS);
      hashedUrls.put(path, "/assets/" + hash + "/" + path);
    }

    Map<String, Served> byHashedUrl = new TreeMap<>();
    Map<String, Served> assetsByPath = new TreeMap<>();
    for (Map.Entry<String, byte[]> asset : assets.entrySet()) {
      String path = asset.getKey();
      byte[] body = isText(path) ? rewrite(path, asset.getValue(), assets.keySet(), hashedUrls) : asset.getValue();
      Served served = served(path, body);
      byHashedUrl.put(hashedUrls.get(path), served);
      assetsByPath.put(path, served);
    }

    Map<String, Served> pages = new TreeMap<>();
    Set<String> shell = new TreeSet<>();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      String name = file.getKey();
      if (name.contains("/") || !name.endsWith(".html")) {
        continue;
      }
      String html = new String(file.getValue(), StandardCharsets.UTF_8);
      Set<String> pageRefs = absoluteRefs(html, assets.keySet());
      html = withModulePreloads(html, staticImports, hashedUrls);
      byte[] body = rewrite(name, html.getBytes(StandardCharsets.UTF_8), assets.keySet(), hashedUrls);
      pages.put(name, served(name, body));
      if (SHELL_PAGES.contains(name)) {
        closure(pageRefs, refs).forEach(path -> shell.add(hashedUrls.get(path)));
        pageRefs.forEach(path -> shell.add(hashedUrls.get(path)));
      }
    }

    StringBuilder all = new StringBuilder();
    files.forEach((path, bytes) -> all.append(path).append(' ').append(sha256(bytes)).append('\n'));
    String version = sha256(all.toString().getBytes(StandardCharsets.UTF_8)).substring(0, HASH_CHARS);
    byte[] workerSource = files.get(SERVICE_WORKER);
    if (workerSource == null) {
      throw new IllegalStateException("The web client has no " + SERVICE_WORKER);
    }
    String worker = new String(workerSource, StandardCharsets.UTF_8)
        .replace("'__TOWNHALL_VERSION__'", "'" + version + "'")
        .replace("['__TOWNHALL_SHELL__']", jsonArray(shell));
    return new WebAssets(Collections.unmodifiableMap(byHashedUrl), Collections.unmodifiableMap(assetsByPath),
        Collections.unmodifiableMap(pages), Collections.unmodifiableMap(hashedUrls),
        served(SERVICE_WORKER, worker.getBytes(StandardCharsets.UTF_8)), version);
  }

  /**
   * The assets a file names: absolute {@code /assets/...} strings and, in a script, relative static imports and,
   * with {@code dynamic}, relative {@code import()}s too.
   */
  private static Set<String> references(String path, byte[] bytes, Set<String> known, boolean dynamic) {
    if (!isText(path)) {
      return Set.of();
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    Set<String> found = absoluteRefs(text, known);
    if (path.endsWith(".js")) {
      List<Pattern> imports = dynamic ? List.of(RELATIVE_IMPORT, DYNAMIC_IMPORT) : List.of(RELATIVE_IMPORT);
      for (Pattern pattern : imports) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
          String target = resolve(path, m.group(3));
          if (known.contains(target)) {
            found.add(target);
          }
        }
      }
    }
    return found;
  }

  private static Set<String> absoluteRefs(String text, Set<String> known) {
    Set<String> found = new TreeSet<>();
    Matcher m = ABSOLUTE_REF.matcher(text);
    while (m.find()) {
      if (known.contains(m.group(2))) {
        found.add(m.group(2));
      }
    }
    return found;
  }

  /** Everything reachable from {@code start} through references, {@code start} itself excluded; cycles are fine. */
  private static Set<String> closure(Set<String> start, Map<String, Set<String>> refs) {
    Set<String> seen = new TreeSet<>();
    List<String> todo = new ArrayList<>(start);
    while (!todo.isEmpty()) {
      String next = todo.remove(todo.size() - 1);
      for (String dependency : refs.getOrDefault(next, Set.of())) {
        if (seen.add(dependency)) {
          todo.add(dependency);
        }
      }
    }
    seen.removeAll(start);
    return seen;
  }

  private static String resolve(String fromPath, String specifier) {
    try {
      URI resolved = new URI("x:/" + fromPath).resolve(specifier);
      String path = resolved.getPath();
      return path.startsWith("/") ? path.substring(1) : path;
    } catch (URISyntaxException e) {
      return specifier;
    }
  }

  private static byte[] rewrite(String path, byte[] bytes, Set<String> known, Map<String, String> hashedUrls) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(text.length() + 256);
    Matcher absolute = ABSOLUTE_REF.matcher(text);
    while (absolute.find()) {
      String target = absolute.group(2);
      String replacement = known.contains(target)
          ? absolute.group(1) + hashedUrls.get(target) + absolute.group(3) : absolute.group();
      absolute.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    absolute.appendTail(out);
    if (!path.endsWith(".js")) {
      return out.toString().getBytes(StandardCharsets.UTF_8);
    }
    String script = out.toString();
    for (Pattern pattern : List.of(RELATIVE_IMPORT, DYNAMIC_IMPORT)) {
      out = new StringBuilder(script.length() + 256);
      Matcher relative = pattern.matcher(script);
      while (relative.find()) {
        String target = resolve(path, relative.group(3));
        String replacement = known.contains(target)
            ? relative.group(1) + relative.group(2) + hashedUrls.get(target) + relative.group(2) : relative.group();
        relative.appendReplacement(out, Matcher.quoteReplacement(replacement));
      }
      relative.appendTail(out);
      script = out.toString();
    }
    return script.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * After each module script of a page, a modulepreload link for every module it imports statically, directly or
   * not: what it needs before it runs. What it loads later with {@code import()} is left to that moment.
   */
  private static String withModulePreloads(String html, Map<String, Set<String>> refs,
      Map<String, String> hashedUrls) {
    StringBuilder out = new StringBuilder(html.length() + 1024);
    Matcher script = MODULE_SCRIPT.matcher(html);
    while (script.find()) {
      StringBuilder links = new StringBuilder(script.group());
      for (String module : closure(Set.of(script.group(1)), refs)) {
        if (module.endsWith(".js")) {
          links.append("\n  <link rel=\"modulepreload\" href=\"").append(hashedUrls.get(module)).append("\">");
        }
      }
      script.appendReplacement(out, Matcher.quoteReplacement(links.toString()));
    }
    script.appendTail(out);
    return out.toString();
  }

  private static Served served(String path, byte[] body) {
    String extension = extension(path);
    byte[] gzip = COMPRESSIBLE.contains(extension) ? gzip(body) : null;
    if (gzip != null && gzip.length >= body.length) {
      gzip = null;
    }
    String type = TYPES.getOrDefault(extension, "application/octet-stream");
    return new Served(body, gzip, type, "\"" + sha256(body).substring(0, 16) + "\"");
  }

  private static boolean isText(String path) {
    return COMPRESSIBLE.contains(extension(path));
  }

  private static String extension(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? "" : path.substring(dot + 1);
  }

  private static String jsonArray(Set<String> urls) {
    StringBuilder json = new StringBuilder("[");
    for (String url : urls) {
      if (json.length() > 1) {
        json.append(", ");
      }
      json.append('\'').append(url).append('\'');
    }
    return json.append(']').toString();
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
    try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
      {
        def.setLevel(Deflater.BEST_COMPRESSION);
      }
    }) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------------------------------------ reading

  /** Every file under {@code root} on the classpath, by its path relative to {@code root} ('/'-separated). */
  private static Map<String, byte[]> readTree(String root) {
    URL url = WebAssets.class.getClassLoader().getResource(root);
    if (url == null) {
      throw new IllegalStateException("The web client (" + root + "/) is not on the classpath");
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        FileSystem jar;
        try {
          jar = FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
          jar = FileSystems.getFileSystem(uri);
        }
        return readFolder(jar.provider().getPath(uri));
      }
      return readFolder(Path.of(uri));
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("The web client (" + url + ") could not be read", e);
    }
  }

  private static Map<String, byte[]> readFolder(Path folder) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(folder)) {
      paths = walk.filter(Files::isRegularFile).toList();
    }
    for (Path path : paths) {
      List<String> parts = new ArrayList<>();
      for (Path part : folder.relativize(path)) {
        parts.add(part.toString().replace("/", ""));
      }
      String relative = String.join("/", parts);
      if (parts.stream().noneMatch(part -> part.startsWith("."))) {
        files.put(relative, Files.readAllBytes(path));
      }
    }
    return files;
  }
}
