package townhall.service;

import io.vertx.core.Future;
import townhall.domain.StreamSettings;
import townhall.store.StreamSettingsStore;

/**
 * A session's livestream settings: the stream link residents see, and the sites that may embed the resident widget.
 * Anyone reads them (the link is public, and the origins are in every widget's response header anyway); only the
 * organizer changes them (the caller checks, {@code http.SessionOrganizers}). The widget's {@code frame-ancestors}
 * allow the session's origins and its organization's ({@link OrgEmbedding}).
 */
public final class StreamLinks {
  private final StreamSettingsStore store;
  private final OrgEmbedding organizations;

  public StreamLinks(StreamSettingsStore store, OrgEmbedding organizations) {
    this.store = store;
    this.organizations = organizations;
  }

  /** The {@code frame-ancestors} sources of the session's widget: its origins and its organization's, or 'none'. */
  public Future<String> frameAncestors(String sessionId) {
    return store.find(sessionId).compose(settings -> organizations.ofSession(sessionId)
        .map(settings::frameAncestors));
  }

  public Future<StreamSettings> of(String sessionId) {
    return store.find(sessionId);
  }

  /** Validates ({@link StreamSettings#parse}) and replaces the settings; {@code bad_request} leaves them as they were. */
  public Future<StreamSettings> replace(String sessionId, Object streamUrl, Object embedOrigins) {
    StreamSettings settings;
    try {
      settings = StreamSettings.parse(streamUrl, embedOrigins);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return store.save(sessionId, settings).map(saved -> settings);
  }
}
