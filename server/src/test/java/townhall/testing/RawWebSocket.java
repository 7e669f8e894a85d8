package townhall.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client written on a plain socket, for inputs no well-behaved client library sends: invalid UTF-8 in a
 * text frame, thousands of continuation frames, extension offers. Frames it sends are masked as the RFC requires.
 */
public final class RawWebSocket implements AutoCloseable {
  public static final int TEXT = 0x1;
  public static final int CONTINUATION = 0x0;
  public static final int CLOSE = 0x8;

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private final int status;
  private final Map<String, String> headers;

  private RawWebSocket(Socket socket, DataInputStream in, int status, Map<String, String> headers)
      throws IOException {
    this.socket = socket;
    this.in = in;
    this.out = socket.getOutputStream();
    this.status = status;
    this.headers = headers;
  }

  /** Sends the upgrade request for {@code path} with {@code extraHeaders} and reads the answer's head. */
  public static RawWebSocket open(int port, String path, Map<String, String> extraHeaders) {
    try {
      Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setSoTimeout(10_000);
      StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
          + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
          + Base64.getEncoder().encodeToString(new byte[16]) + "\r\n");
      extraHeaders.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
      request.append("\r\n");
      socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
      DataInputStream in = new DataInputStream(socket.getInputStream());
      String statusLine = line(in);
      Map<String, String> headers = new LinkedHashMap<>();
      for (String header = line(in); !header.isEmpty(); header = line(in)) {
        int colon = header.indexOf(':');
        headers.put(header.substring(0, colon).trim().toLowerCase(), header.substring(colon + 1).trim());
      }
      return new RawWebSocket(socket, in, Integer.parseInt(statusLine.split(" ")[1]), headers);
    } catch (IOException e) {
      throw new AssertionError("Cannot open a raw WebSocket on port " + port, e);
    }
  }

  private static String line(DataInputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed in the head");
      }
      if (b != '\r') {
        bytes.write(b);
      }
    }
    return bytes.toString(StandardCharsets.US_ASCII);
  }

  public int status() {
    return status;
  }

  /** A response header (name in lower case), or null. */
  public String header(String name) {
    return headers.get(name);
  }

  /** Sends one masked frame. */
  public void sendFrame(int opcode, boolean fin, byte[] payload) {
    try {
      ByteArrayOutputStream frame = new ByteArrayOutputStream();
      frame.write((fin ? 0x80 : 0) | opcode);
      if (payload.length < 126) {
        frame.write(0x80 | payload.length);
      } else if (payload.length < 65_536) {
        frame.write(0x80 | 126);
        frame.write(payload.length >>> 8);
        frame.write(payload.length & 0xff);
      } else {
        frame.write(0x80 | 127);
        for (int shift = 56; shift >= 0; shift -= 8) {
          frame.write((int) ((long) payload.length >>> shift) & 0xff);
        }
      }
      byte[] mask = new byte[4];
      ThreadLocalRandom.current().nextBytes(mask);
      frame.write(mask);
      for (int i = 0; i < payload.length; i++) {
        frame.write(payload[i] ^ mask[i % 4]);
      }
      out.write(frame.toByteArray());
      out.flush();
    } catch (IOException e) {
      throw new AssertionError("Cannot send a frame", e);
    }
  }

  public void sendText(String text) {
    sendFrame(TEXT, true, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Reads frames until a close frame; answers its code (-1: the connection ended without one). */
  public int awaitCloseCode() {
    try {
      for (Frame frame = readFrame(); frame != null; frame = readFrame()) {
        if (frame.opcode() == CLOSE) {
          byte[] p = frame.payload();
          return p.length >= 2 ? ((p[0] & 0xff) << 8) | (p[1] & 0xff) : 1005;
        }
      }
      return -1;
    } catch (SocketTimeoutException e) {
      throw new AssertionError("No close frame within the socket timeout", e);
    } catch (IOException e) {
      return -1;
    }
  }

  /** Reads the next text frame (skipping others); answers its text. */
  public String nextText() {
    try {
      for (Frame frame = readFrame(); frame != null; frame = readFrame()) {
        if (frame.opcode() == TEXT) {
          return new String(frame.payload(), StandardCharsets.UTF_8);
        }
      }
      throw new AssertionError("The connection ended before a text frame");
    } catch (IOException e) {
      throw new AssertionError("No text frame", e);
    }
  }

  private record Frame(int opcode, byte[] payload) {
  }

  /** One unmasked frame from the server; null when the connection ended. */
  private Frame readFrame() throws IOException {
    int first = in.read();
    if (first < 0) {
      return null;
    }
    int second = in.readUnsignedByte();
    long length = second & 0x7f;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    byte[] payload = new byte[(int) length];
    in.readFully(payload);
    return new Frame(first & 0x0f, payload);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing a test socket that is already gone
    }
  }
}
