package townhall.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code INFO} sections of a Redis over a plain socket (RESP, inline command, no client library), from a
 * thread that may block. Used to account for Redis's own time: {@code INFO commandstats} gives, per command, the
 * calls and the microseconds Redis spent running them (EVALSHA: every script together), {@code INFO memory} the
 * memory in use.
 */
final class RedisInfo {
  private static final int TIMEOUT_MS = 5_000;

  private final String host;
  private final int port;

  /** @param address {@code host:port} */
  RedisInfo(String address) {
    int colon = address.lastIndexOf(':');
    this.host = address.substring(0, colon);
    this.port = Integer.parseInt(address.substring(colon + 1));
  }

  /** The text of {@code INFO <section>}. */
  String info(String section) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
      socket.setSoTimeout(TIMEOUT_MS);
      OutputStream out = socket.getOutputStream();
      out.write(("INFO " + section + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String header = line(in);
      if (!header.startsWith("$")) {
        throw new IOException("INFO " + section + " answered " + header);
      }
      int length = Integer.parseInt(header.substring(1));
      byte[] body = in.readNBytes(length);
      if (body.length < length) {
        throw new IOException("INFO " + section + ": the answer ended early");
      }
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** Per command of {@code INFO commandstats}: {@code {calls, usec}}. */
  Map<String, long[]> commandStats() throws IOException {
    Map<String, long[]> stats = new TreeMap<>();
    for (String line : info("commandstats").split("\r?\n")) {
      if (!line.startsWith("cmdstat_")) {
        continue;
      }
      int colon = line.indexOf(':');
      long calls = 0;
      long usec = 0;
      for (String pair : line.substring(colon + 1).split(",")) {
        int eq = pair.indexOf('=');
        if (eq < 0) {
          continue;
        }
        String name = pair.substring(0, eq);
        if (name.equals("calls")) {
          calls = Long.parseLong(pair.substring(eq + 1));
        } else if (name.equals("usec")) {
          usec = Long.parseLong(pair.substring(eq + 1));
        }
      }
      stats.put(line.substring("cmdstat_".length(), colon), new long[] {calls, usec});
    }
    return stats;
  }

  /**
   * CPU time of Redis's main thread (the one that runs every command and script and reads and writes the
   * sockets), user plus system, in microseconds, from {@code INFO cpu}; the whole process's when Redis does not
   * report its main thread apart (before 6.2).
   */
  long mainThreadCpuMicros() throws IOException {
    double main = 0;
    double all = 0;
    boolean hasMain = false;
    for (String line : info("cpu").split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon);
      double seconds;
      try {
        seconds = Double.parseDouble(line.substring(colon + 1).trim());
      } catch (NumberFormatException e) {
        continue;
      }
      if (name.equals("used_cpu_sys_main_thread") || name.equals("used_cpu_user_main_thread")) {
        main += seconds;
        hasMain = true;
      } else if (name.equals("used_cpu_sys") || name.equals("used_cpu_user")) {
        all += seconds;
      }
    }
    return Math.round((hasMain ? main : all) * 1e6);
  }

  /** {@code used_memory} of {@code INFO memory}, in bytes. */
  long usedMemory() throws IOException {
    for (String line : info("memory").split("\r?\n")) {
      if (line.startsWith("used_memory:")) {
        return Long.parseLong(line.substring("used_memory:".length()).trim());
      }
    }
    throw new IOException("INFO memory has no used_memory");
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (b != '\r') {
        bytes.write(b);
      }
    }
    return bytes.toString(StandardCharsets.US_ASCII);
  }
}
