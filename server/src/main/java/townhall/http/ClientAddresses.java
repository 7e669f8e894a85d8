package townhall.http;

import io.vertx.core.MultiMap;
import io.vertx.core.net.SocketAddress;
import java.util.List;

/**
 * Who a request comes from, for limits per client address: the TCP peer, or, when the peer is a trusted proxy
 * (nginx on the same host, say), the last address its {@code X-Forwarded-For} adds that is not itself trusted.
 */
public final class ClientAddresses {
  private final List<String> trustedProxies;

  public ClientAddresses(List<String> trustedProxies) {
    this.trustedProxies = List.copyOf(trustedProxies);
  }

  public String of(SocketAddress peer, MultiMap headers) {
    String address = peer == null || peer.hostAddress() == null ? "unknown" : peer.hostAddress();
    if (!trustedProxies.contains(address)) {
      return address;
    }
    String forwarded = headers.get("X-Forwarded-For");
    if (forwarded == null || forwarded.isBlank()) {
      return address;
    }
    // read from the right: each trusted proxy appended the address it saw; a client may have forged the left part
    String[] hops = forwarded.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].trim();
      if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
        return hop.length() > 64 ? hop.substring(0, 64) : hop;
      }
    }
    return address;
  }
}
