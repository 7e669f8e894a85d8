package townhall.record;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import townhall.domain.record.RecordSignature;
import townhall.domain.record.RecordSigner;
import townhall.domain.record.SessionRecord;

/**
 * What the record key signs (see {@code docs/record.md}, "Signatures"), and the signer itself.
 *
 * <ul>
 *   <li>{@code chain.signature}: the final hash as 64 lowercase hex digits (its ASCII bytes).</li>
 *   <li>{@code exportSignature}: {@value #EXPORT_PREFIX} followed by the compact JSON
 *   {@code {"finalHash","generatedAt","votesFinal","participants","votes":[["<id>",n],…],"activity":{…}}} with the
 *   record's values in that order ({@code votes} in the order of {@code questions}, {@code activity} with
 *   {@code from}, {@code bucketMs}, {@code joins}, {@code questions}, {@code votes}): what the record says that the
 *   chain does not hold.</li>
 * </ul>
 */
public final class RecordSignatures implements RecordSigner {
  static final String EXPORT_PREFIX = "townhall-record-export/1\n";

  private final RecordKeys keys;

  public RecordSignatures(RecordKeys keys) {
    this.keys = keys;
  }

  @Override
  public SessionRecord sign(SessionRecord record) {
    if (record.finalHash() == null) {
      return record;
    }
    JsonObject json = RecordJson.encode(record);
    return record.signed(new RecordSignature(keys.kid(), keys.sign(chainMessage(record.finalHash()))),
        new RecordSignature(keys.kid(), keys.sign(exportMessage(json))));
  }

  /**
   * Signs a record given as JSON, as a streamed export assembles it: sets {@code chain.signature} and
   * {@code exportSignature}. Its {@code questions} need only their {@code id} and {@code votes}; a record without
   * a final hash is left unsigned.
   */
  public void signJson(JsonObject record) {
    JsonObject chain = record.getJsonObject("chain");
    String finalHash = chain == null ? null : chain.getString("finalHash");
    if (finalHash == null) {
      return;
    }
    chain.put("signature", new JsonObject().put("kid", keys.kid()).put("sig", keys.sign(chainMessage(finalHash))));
    record.put("exportSignature", new JsonObject().put("kid", keys.kid()).put("sig", keys.sign(exportMessage(record))));
  }

  /** The bytes {@code chain.signature} signs. */
  public static byte[] chainMessage(String finalHash) {
    return finalHash.getBytes(StandardCharsets.US_ASCII);
  }

  /** The bytes {@code exportSignature} signs, read from an exported record. */
  public static byte[] exportMessage(JsonObject record) {
    JsonObject chain = record.getJsonObject("chain", new JsonObject());
    JsonArray votes = new JsonArray();
    if (record.getValue("questions") instanceof JsonArray questions) {
      for (Object q : questions) {
        if (q instanceof JsonObject question) {
          votes.add(new JsonArray().add(question.getValue("id")).add(question.getValue("votes")));
        }
      }
    }
    JsonObject activity = record.getValue("activity") instanceof JsonObject a ? a : new JsonObject();
    JsonObject totals = record.getValue("totals") instanceof JsonObject t ? t : new JsonObject();
    JsonObject signed = new JsonObject()
        .put("finalHash", chain.getValue("finalHash"))
        .put("generatedAt", record.getValue("generatedAt"))
        .put("votesFinal", record.getValue("votesFinal"))
        .put("participants", totals.getValue("participants"))
        .put("votes", votes)
        .put("activity", new JsonObject().put("from", activity.getValue("from"))
            .put("bucketMs", activity.getValue("bucketMs")).put("joins", activity.getValue("joins"))
            .put("questions", activity.getValue("questions")).put("votes", activity.getValue("votes")));
    return (EXPORT_PREFIX + signed.encode()).getBytes(StandardCharsets.UTF_8);
  }
}
