package townhall.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A TCP proxy for tests, on a free loopback port in front of a Redis (or any TCP server on loopback), that can
 * break the connections going through it. Nodes connect to {@link #url()} instead of the Redis.
 *
 * <ul>
 *   <li>{@link #pass()}: forwards both ways (the start mode). Connections frozen by a blackhole resume.</li>
 *   <li>{@link #cut()}: closes every connection now; the mode stays, so reconnects follow it.</li>
 *   <li>{@link #refuse()}: closes every connection now and, until the mode changes, accepts new ones and closes
 *       them at once, so reconnects fail.</li>
 *   <li>{@link #refuseNewConnections()}: the same for new connections, without closing the open ones (so
 *       {@link #cutWhere} can take down one chosen connection for good).</li>
 *   <li>{@link #blackhole()}: nothing is forwarded any more, either way, and nothing is closed: open connections
 *       stay open and silent, new ones are accepted and never answered. {@link #pass()} forwards what was held
 *       back, in order (a network stall, as TCP would deliver it late).</li>
 * </ul>
 *
 * <p>Plain blocking sockets, two threads per connection (daemon threads); meant for a handful of connections.
 */
public final class FaultProxy implements AutoCloseable {
  public enum Mode { PASS, REFUSE, BLACKHOLE }

  private final ServerSocket server;
  private final int upstreamPort;
  private final Object lock = new Object();
  private final Set<Link> links = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private volatile Mode mode = Mode.PASS;
  private volatile boolean closed;

  private FaultProxy(ServerSocket server, int upstreamPort) {
    this.server = server;
    this.upstreamPort = upstreamPort;
  }

  /** Starts a proxy, in {@link Mode#PASS}, in front of {@code 127.0.0.1:upstreamPort}. */
  public static FaultProxy start(int upstreamPort) {
    try {
      ServerSocket server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
      FaultProxy proxy = new FaultProxy(server, upstreamPort);
      Thread acceptor = new Thread(proxy::acceptLoop, "fault-proxy-accept-" + server.getLocalPort());
      acceptor.setDaemon(true);
      acceptor.start();
      return proxy;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start the fault proxy", e);
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  /** The Redis URL that goes through the proxy. */
  public String url() {
    return "redis://127.0.0.1:" + port();
  }

  public Mode mode() {
    return mode;
  }

  /** How many connections the proxy has accepted so far (refused ones included). */
  public int acceptedConnections() {
    return accepted.get();
  }

  /** Forwards both ways again; connections held by a blackhole resume where they stopped. */
  public void pass() {
    setMode(Mode.PASS);
  }

  /** Closes every connection going through the proxy now. */
  public void cut() {
    cutWhere(link -> true);
  }

  /** Closes the connections {@code which} accepts (by their upstream local port, say). */
  public void cutWhere(Predicate<LinkInfo> which) {
    for (Link link : links) {
      if (which.test(link.info())) {
        link.close();
      }
    }
  }

  /** Closes every connection and refuses new ones (accepted, then closed at once) until the mode changes. */
  public void refuse() {
    setMode(Mode.REFUSE);
    cut();
  }

  /** Refuses new connections (accepted, then closed at once) and leaves the open ones as they are. */
  public void refuseNewConnections() {
    setMode(Mode.REFUSE);
  }

  /** Forwards nothing any more, either way, and closes nothing. */
  public void blackhole() {
    setMode(Mode.BLACKHOLE);
  }

  /** The connections open now. */
  public List<LinkInfo> links() {
    return links.stream().map(Link::info).toList();
  }

  /**
   * One connection through the proxy: the client's port (the node's side) and the local port of the proxy's
   * connection to Redis (what Redis's {@code CLIENT LIST} shows as the client's {@code addr}); -1 until connected.
   */
  public record LinkInfo(int clientPort, int upstreamLocalPort) {
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    cut();
    synchronized (lock) {
      lock.notifyAll();
    }
  }

  private void setMode(Mode next) {
    synchronized (lock) {
      mode = next;
      lock.notifyAll();
    }
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue;
      }
      accepted.incrementAndGet();
      if (mode == Mode.REFUSE) {
        closeQuietly(client);
        continue;
      }
      Link link = new Link(client);
      links.add(link);
      Thread opener = new Thread(link::open, "fault-proxy-link-" + client.getPort());
      opener.setDaemon(true);
      opener.start();
    }
  }

  /** Waits while the proxy is blackholed; answers false when the link or the proxy closed meanwhile. */
  private boolean awaitForwarding(Link link) {
    synchronized (lock) {
      while (mode == Mode.BLACKHOLE && !link.closed && !closed) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return !link.closed && !closed;
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  private final class Link {
    private final Socket client;
    private volatile Socket upstream;
    private volatile boolean closed;

    Link(Socket client) {
      this.client = client;
    }

    LinkInfo info() {
      Socket up = upstream;
      return new LinkInfo(client.getPort(), up == null ? -1 : up.getLocalPort());
    }

    /** Connects upstream once the proxy forwards (a connection accepted in a blackhole waits), then pumps. */
    void open() {
      if (!awaitForwarding(this)) {
        close();
        return;
      }
      if (mode == Mode.REFUSE) {
        close();
        return;
      }
      Socket up = new Socket();
      try {
        client.setTcpNoDelay(true);
        up.setTcpNoDelay(true);
        up.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort), 2000);
      } catch (IOException e) {
        closeQuietly(up);
        close();
        return;
      }
      upstream = up;
      if (closed) {
        closeQuietly(up);
        return;
      }
      Thread back = new Thread(() -> pump(up, client), "fault-proxy-down-" + client.getPort());
      back.setDaemon(true);
      back.start();
      pump(client, up);
    }

    private void pump(Socket from, Socket to) {
      byte[] buffer = new byte[16 * 1024];
      try {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        while (true) {
          int n = in.read(buffer);
          // what was read is held back while blackholed, the end of the stream too
          if (!awaitForwarding(this)) {
            break;
          }
          if (n < 0) {
            break;
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // the connection broke or was cut
      }
      close();
    }

    void close() {
      closed = true;
      links.remove(this);
      closeQuietly(client);
      Socket up = upstream;
      if (up != null) {
        closeQuietly(up);
      }
      synchronized (lock) {
        lock.notifyAll();
      }
    }
  }
}
