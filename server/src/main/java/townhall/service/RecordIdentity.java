package townhall.service;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import townhall.domain.Participant;
import townhall.store.SignalStore;

/**
 * Keeps, for the vote signals, when a new resident identity was made and a keyed hash of the client address it
 * came from. The address itself is never stored: the hash is an HMAC under a key derived from the deployment's
 * secret and includes the session, so one address gives unrelated hashes in two sessions, and nobody without the
 * secret can test an address against it.
 */
public final class RecordIdentity {
  private static final String PURPOSE = "townhall address hash v1";
  private static final int HASH_BYTES = 12;

  private final SignalStore store;
  private final SecretKeySpec key;

  /** @param secret the deployment's secret (every node has the same one, so they hash alike) */
  public RecordIdentity(SignalStore store, String secret) {
    this.store = store;
    this.key = new SecretKeySpec(hmac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
        PURPOSE), "HmacSHA256");
  }

  /** Records the new resident identity made from {@code address}; fails {@code not_found} for an unknown session. */
  public Future<Void> record(Participant participant, String address) {
    return store.recordIdentity(participant.sessionId(), participant.id(), addressHash(participant.sessionId(),
        address));
  }

  /** The keyed hash of an address within a session: 16 base64url characters. */
  String addressHash(String sessionId, String address) {
    byte[] full = hmac(key, sessionId + "\n" + (address == null ? "" : address));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(full, HASH_BYTES));
  }

  private static byte[] hmac(SecretKeySpec key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
