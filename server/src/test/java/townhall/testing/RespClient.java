package townhall.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One Redis command over a fresh blocking connection, answered as {@code redis-cli} prints it when its output is not
 * a terminal: a simple string, error or bulk string as its text, an integer in decimal, a nil as nothing, an array's
 * elements (nested arrays flattened) one per line; the whole trimmed. The fault tests' stand-in for Debian's
 * {@code redis-cli}, so they need no package beyond the {@code redis-server} of {@link RedisBinary}.
 *
 * <p>A refused or broken connection answers {@code Could not connect to Redis at ...} as {@code redis-cli} does
 * (tests poll until a restarted server answers); it never throws for that.
 */
public final class RespClient {
  private static final int CONNECT_TIMEOUT_MS = 1_000;
  private static final int READ_TIMEOUT_MS = 10_000;

  private RespClient() {
  }

  public static String command(int port, List<String> args) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MS);
      socket.setSoTimeout(READ_TIMEOUT_MS);
      OutputStream out = socket.getOutputStream();
      out.write(encode(args));
      out.flush();
      List<String> lines = new ArrayList<>();
      read(new BufferedInputStream(socket.getInputStream()), lines);
      return String.join("\n", lines).trim();
    } catch (IOException e) {
      return "Could not connect to Redis at 127.0.0.1:" + port + ": " + e.getMessage();
    }
  }

  private static byte[] encode(List<String> args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(("*" + args.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (String arg : args) {
      byte[] utf8 = arg.getBytes(StandardCharsets.UTF_8);
      bytes.writeBytes(("$" + utf8.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      bytes.writeBytes(utf8);
      bytes.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    return bytes.toByteArray();
  }

  private static void read(InputStream in, List<String> lines) throws IOException {
    int type = in.read();
    if (type < 0) {
      throw new EOFException("Redis closed the connection");
    }
    String head = line(in);
    switch (type) {
      case '+', '-', ':' -> lines.add(head);
      case '$' -> {
        int length = Integer.parseInt(head);
        if (length >= 0) {
          byte[] body = in.readNBytes(length + 2); // the text and its CRLF
          lines.add(new String(body, 0, length, StandardCharsets.UTF_8));
        }
      }
      case '*' -> {
        int count = Integer.parseInt(head);
        for (int i = 0; i < count; i++) {
          read(in, lines);
        }
      }
      default -> throw new IOException("Unexpected RESP type " + (char) type);
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        throw new EOFException("Redis closed the connection mid-reply");
      }
      if (b != '\r') {
        bytes.write(b);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
