package townhall.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import townhall.domain.Language;
import townhall.domain.Moderation;
import townhall.domain.QuestionStatus;
import townhall.domain.record.ChainEntry;
import townhall.domain.record.ChainLink;
import townhall.domain.record.RecordFold;
import townhall.domain.record.SessionRecord;

/**
 * The record key: generated once, owner-only, its public key published; rotating it keeps the old public key
 * listed, so a record signed before verifies after. A chain written before sealed fields and signatures existed
 * still verifies.
 */
class RecordKeysTest {

  private static JsonObject signedRecord(RecordKeys keys) {
    String created = "{\"k\":\"created\",\"n\":1,\"at\":1000,\"id\":\"S1\",\"title\":\"Phiên\",\"moderation\":\"post\","
        + "\"anonymous\":true,\"locale\":\"vi\"}";
    String asked = "{\"k\":\"asked\",\"n\":2,\"at\":2000,\"q\":\"1\",\"text\":\"Khi nào sửa đường?\",\"status\":\"live\"}";
    String h1 = ChainHash.next(ChainHash.START, created);
    String h2 = ChainHash.next(h1, asked);
    List<ChainLink> links = List.of(new ChainLink(1, created, h1), new ChainLink(2, asked, h2));
    List<ChainEntry> entries = List.of(ChainEntries.parse(created), ChainEntries.parse(asked));
    SessionRecord record = RecordFold.fold(new RecordFold.Inputs(null, links, entries, Map.of("1", 3), 5, List.of(),
        List.of(), 5000));
    return RecordJson.encode(new RecordSignatures(keys).sign(record));
  }

  @Test
  void aKeyIsGeneratedOnceOwnerOnlyAndPublished(@TempDir Path dir) throws IOException {
    RecordKeys first = RecordKeys.load(dir.resolve("keys"), "");
    RecordKeys again = RecordKeys.load(dir.resolve("keys"), "");
    assertEquals(first.kid(), again.kid(), "the same key on every start");
    assertEquals(1, again.published().size());
    assertEquals("rw-------", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(dir.resolve("keys").resolve(RecordKeys.FILE))));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keys"))));
  }

  @Test
  void aRotatedKeyKeepsOldRecordsVerifiable(@TempDir Path dir) throws IOException {
    Path keyFile = dir.resolve("shared").resolve("townhall-record.key");
    RecordKeys old = RecordKeys.load(dir, keyFile.toString());
    JsonObject oldRecord = signedRecord(old);

    Files.delete(keyFile); // the operator rotates: a new key is generated, the .public list is kept
    RecordKeys rotated = RecordKeys.load(dir, keyFile.toString());
    assertNotEquals(old.kid(), rotated.kid());
    assertEquals(List.of(old.kid(), rotated.kid()), rotated.published().stream().map(RecordKeys.PublishedKey::kid)
        .toList(), "the old public key stays listed, oldest first");

    RecordVerifier.Result oldChecked = RecordVerifier.verify(oldRecord,
        new RecordVerifier.Options(null, rotated.published()));
    assertTrue(oldChecked.intact(), () -> oldChecked.problems().toString());
    assertTrue(oldChecked.authenticated());
    JsonObject newRecord = signedRecord(rotated);
    assertEquals(rotated.kid(), newRecord.getJsonObject("chain").getJsonObject("signature").getString("kid"));
    assertTrue(RecordVerifier.verify(newRecord, new RecordVerifier.Options(null, rotated.published())).intact());

    RecordVerifier.Result withOtherKeys = RecordVerifier.verify(oldRecord,
        new RecordVerifier.Options(null, RecordKeys.generate().published()));
    assertFalse(withOtherKeys.intact(), "a key that is not the deployment's proves nothing");
    assertTrue(withOtherKeys.problems().toString().contains("not among the keys given"));
  }

  @Test
  void aChainWrittenBeforeSealedFieldsStillVerifies() {
    JsonObject record = signedRecord(RecordKeys.generate());
    record.getJsonObject("chain").remove("signature");
    record.remove("exportSignature");
    RecordVerifier.Result result = RecordVerifier.verify(record);
    assertTrue(result.intact(), () -> result.problems().toString());
    assertEquals("Khi nào sửa đường?", record.getJsonArray("questions").getJsonObject(0).getString("text"));
    assertEquals(QuestionStatus.LIVE.wireName(), record.getJsonArray("questions").getJsonObject(0)
        .getString("status"));
    assertEquals(Language.VI.wireName(), record.getJsonObject("session").getString("locale"));
    assertEquals(Moderation.POST.wireName(), record.getJsonObject("session").getString("moderation"));
    assertFalse(new String(record.toBuffer().getBytes(), StandardCharsets.UTF_8).contains("\"private\""));
  }
}
