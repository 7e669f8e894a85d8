package townhall.browser;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which request waited on which, from Chromium's {@code Network.requestWillBeSent} events: each request's initiator
 * (the document's parser, or a script by its URL, also through an {@code import()}'s async stack) and so its depth,
 * the number of requests that had to come back, one after the other, before it could leave (the page itself: 0).
 * A depth is a count of round trips, whatever the network's speed: a figure that does not flake.
 */
final class RequestChain {
  private final List<JsonObject> sent;
  private final Map<String, Integer> depthByUrl = new HashMap<>();

  private RequestChain(List<JsonObject> sent) {
    this.sent = sent;
  }

  static RequestChain of(List<JsonObject> requestWillBeSentEvents) {
    return new RequestChain(requestWillBeSentEvents);
  }

  /** Adds a line per request (depth, type, initiator, URL) to {@code lines}; answers the deepest depth. */
  int describe(List<String> lines) {
    int deepest = 0;
    for (JsonObject event : sent) {
      String url = event.getAsJsonObject("request").get("url").getAsString();
      if (url.startsWith("data:")) {
        continue;
      }
      JsonObject initiator = event.getAsJsonObject("initiator");
      String parent = initiatorUrl(initiator);
      int depth = parent == null ? 0 : depthByUrl.getOrDefault(parent, 0) + 1;
      depthByUrl.putIfAbsent(url, depth);
      deepest = Math.max(deepest, depth);
      String type = event.has("type") ? event.get("type").getAsString() : "?";
      lines.add(String.format(Locale.ROOT, "%d %-10s %-8s %s <- %s", depth, type,
          initiator.get("type").getAsString(), shorten(url), parent == null ? "-" : shorten(parent)));
    }
    return deepest;
  }

  /** The URL of what started the request: the initiator's URL, else the nearest frame of its (async) stack. */
  private static String initiatorUrl(JsonObject initiator) {
    if (initiator.has("url") && !initiator.get("url").getAsString().isEmpty()) {
      return initiator.get("url").getAsString();
    }
    JsonElement stack = initiator.get("stack");
    while (stack != null && stack.isJsonObject()) {
      for (JsonElement frame : stack.getAsJsonObject().getAsJsonArray("callFrames")) {
        String url = frame.getAsJsonObject().get("url").getAsString();
        if (!url.isEmpty()) {
          return url;
        }
      }
      stack = stack.getAsJsonObject().get("parent");
    }
    return null;
  }

  private static String shorten(String url) {
    return url.replaceFirst("^https?://[^/]+", "").replaceFirst("^/assets/[0-9a-f]{12}/", "/assets/…/");
  }
}
