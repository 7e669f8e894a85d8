package townhall.domain.record;

/**
 * A signature by the deployment's record key (Ed25519): {@code kid} names the key among those the deployment
 * publishes ({@code GET /.well-known/townhall-record-keys}), {@code sig} is the signature in base64.
 */
public record RecordSignature(String kid, String sig) {
}
