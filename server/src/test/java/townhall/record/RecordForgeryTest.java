package townhall.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import townhall.domain.record.ChainEntry;
import townhall.domain.record.ChainLink;
import townhall.domain.record.RecordFold;
import townhall.testing.Api;
import townhall.testing.Moderation;
import townhall.testing.NodeTestBase;
import townhall.testing.RecordScenario;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * The verifier refuses forged records (issue 14, item 4): a rejected question rewritten as answered with every hash
 * recomputed is refused by the expected final hash and by the signature; an open session's export with its votes,
 * participants and activity inflated is refused by the export signature; a changed count of questions over time is
 * refused by the file alone. It says what it checked and what it did not.
 */
class RecordForgeryTest extends NodeTestBase {

  private record Run(int code, String output) {
  }

  private static Run verify(Path file, String... options) {
    List<String> args = new ArrayList<>(List.of(options));
    args.add(file.toString());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = VerifyRecord.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8));
  }

  private static Path write(Path dir, String name, JsonObject record) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, record.encode(), StandardCharsets.UTF_8);
    return file;
  }

  private String keysUrl() {
    return "http://127.0.0.1:" + node.port() + "/.well-known/townhall-record-keys";
  }

  private static JsonObject question(JsonObject record, String id) {
    for (Object q : record.getJsonArray("questions")) {
      if (id.equals(((JsonObject) q).getString("id"))) {
        return (JsonObject) q;
      }
    }
    throw new AssertionError("no question " + id);
  }

  /**
   * The record rewritten as a forger with the file would: q's rejection becomes an answer, every hash from there on
   * is recomputed and everything derived from the chain is derived again, so the file agrees with itself.
   */
  private static JsonObject rejectedRewrittenAsAnswered(JsonObject record, String q) {
    List<ChainLink> links = RecordJson.links(record);
    List<ChainLink> forged = new ArrayList<>();
    List<ChainEntry> entries = new ArrayList<>();
    String previous = ChainHash.START;
    for (ChainLink link : links) {
      JsonObject entry = new JsonObject(link.entry());
      ChainLink kept = link;
      if ("reject".equals(entry.getString("action")) && q.equals(entry.getString("q"))) {
        entry.put("action", "answer").remove("category");
        entry.remove("sealed");
        kept = new ChainLink(link.n(), entry.encode(), null, Map.of());
      }
      String hash = ChainHash.next(previous, kept.entry());
      kept = new ChainLink(kept.n(), kept.entry(), hash, kept.secrets());
      forged.add(kept);
      entries.add(ChainEntries.parse(kept.entry(), kept.secrets()));
      previous = hash;
    }
    JsonObject rewritten = RecordJson.encode(RecordFold.fold(new RecordFold.Inputs(null, forged, entries, Map.of(), 0,
        List.of(), List.of(), record.getLong("generatedAt"), true)));
    rewritten.getJsonObject("activity").put("joins", record.getJsonObject("activity").getValue("joins"))
        .put("votes", record.getJsonObject("activity").getValue("votes"));
    rewritten.getJsonObject("chain").put("signature", record.getJsonObject("chain").getValue("signature"));
    rewritten.put("exportSignature", record.getValue("exportSignature"));
    return rewritten;
  }

  @Test
  void aRejectedQuestionRewrittenAsAnsweredWithEveryHashRecomputedIsRefused(Vertx vertx, @TempDir Path dir)
      throws IOException {
    RecordScenario.Result s = RecordScenario.run(vertx, api, node.port());
    JsonObject genuine = api.get("/api/sessions/" + s.sessionId() + "/record", TestNodes.ADMIN_TOKEN).json();
    String genuineHash = genuine.getJsonObject("chain").getString("finalHash");
    JsonObject forged = rejectedRewrittenAsAnswered(genuine, s.q(4));
    assertEquals("answered", question(forged, s.q(4)).getString("fate"));
    assertNotEquals(genuineHash, forged.getJsonObject("chain").getString("finalHash"));
    Path file = write(dir, "forged.json", forged);

    Run alone = verify(file);
    assertEquals(0, alone.code(), "the file agrees with itself: " + alone.output());
    assertTrue(alone.output().startsWith("CONSISTENT, NOT AUTHENTICATED"), alone.output());
    assertTrue(alone.output().contains("not compared with one known from elsewhere"), alone.output());
    assertTrue(alone.output().contains("signatures: no keys given"), alone.output());

    Run expected = verify(file, "--expect", genuineHash);
    assertEquals(1, expected.code(), expected.output());
    assertTrue(expected.output().contains("expected " + genuineHash), expected.output());

    Run keys = verify(file, "--keys", keysUrl());
    assertEquals(1, keys.code(), keys.output());
    assertTrue(keys.output().contains("chain.signature: the signature by key"), keys.output());

    forged.getJsonObject("chain").putNull("signature");
    Run unsigned = verify(write(dir, "unsigned.json", forged), "--keys", keysUrl());
    assertEquals(1, unsigned.code(), "a record without a signature is refused when keys are given");

    Run real = verify(write(dir, "genuine.json", genuine), "--expect", genuineHash, "--keys", keysUrl());
    assertEquals(0, real.code(), real.output());
    assertTrue(real.output().startsWith("VERIFIED"), real.output());
    assertTrue(real.output().contains("the final hash is the expected one"), real.output());
    assertTrue(real.output().contains("exportSignature"), real.output());
  }

  @Test
  void anOpenSessionsExportWithInflatedVotesParticipantsAndActivityIsRefusedByItsSignature(Vertx vertx,
      @TempDir Path dir) throws IOException {
    JsonObject created = api.createSession("Phiên đang mở", "post", true);
    String id = created.getString("id");
    try (WsClient alice = Moderation.join(vertx, node.port(), id, null);
         WsClient bob = Moderation.join(vertx, node.port(), id, null)) {
      alice.next("welcome");
      bob.next("welcome");
      String q = Moderation.asked(alice, "Khi nào sửa xong đường Lê Lợi?");
      Moderation.ok(bob, Moderation.vote(q, 1));
    }
    assertEquals(200, api.post("/api/sessions/" + id + "/publish", "", TestNodes.ADMIN_TOKEN).status());
    Api.Reply reply = api.get("/api/sessions/" + id + "/record");
    JsonObject genuine = reply.json();
    assertFalse(genuine.getBoolean("votesFinal"));
    Run real = verify(write(dir, "genuine.json", genuine), "--keys", keysUrl());
    assertEquals(0, real.code(), real.output());
    assertTrue(real.output().contains("exportSignature: vote counts, participants, activity"), real.output());

    JsonObject inflated = genuine.copy();
    inflated.getJsonArray("questions").getJsonObject(0).put("votes", 999);
    inflated.getJsonObject("totals").put("participants", 5000);
    JsonArray joins = inflated.getJsonObject("activity").getJsonArray("joins");
    joins.set(0, joins.getInteger(0) + 4998);
    Path file = write(dir, "inflated.json", inflated);

    Run alone = verify(file);
    assertEquals(0, alone.code(), alone.output());
    assertTrue(alone.output().contains("NOT AUTHENTICATED"), alone.output());
    assertTrue(alone.output().contains("vote counts, participants and the activity's joins and votes"),
        "says plainly what it could not check: " + alone.output());
    Run withKeys = verify(file, "--keys", keysUrl());
    assertEquals(1, withKeys.code(), withKeys.output());
    assertTrue(withKeys.output().contains("exportSignature: the signature by key"), withKeys.output());
    Run expectOnly = verify(file, "--expect", genuine.getJsonObject("chain").getString("finalHash"));
    assertEquals(0, expectOnly.code(), "the chain is the genuine one: " + expectOnly.output());
    assertTrue(expectOnly.output().contains("covered by exportSignature"), expectOnly.output());

    JsonObject activity = genuine.copy();
    JsonArray asked = activity.getJsonObject("activity").getJsonArray("questions");
    asked.set(0, asked.getInteger(0) + 7);
    Run moreQuestions = verify(write(dir, "questions.json", activity));
    assertEquals(1, moreQuestions.code(), "questions over time follow from the chain: " + moreQuestions.output());
    assertTrue(moreQuestions.output().contains("activity.questions"), moreQuestions.output());
  }

  @Test
  void theKeysArePublishedAndACommandLineWithoutAFileOrWithABadHashIsAUsageError(@TempDir Path dir)
      throws IOException {
    Api.Reply keys = api.get("/.well-known/townhall-record-keys");
    assertEquals(200, keys.status(), keys.body());
    JsonObject key = keys.json().getJsonArray("keys").getJsonObject(0);
    assertEquals("Ed25519", key.getString("alg"));
    assertTrue(key.getString("kid").matches("[0-9a-f]{16}"), key.encode());
    assertTrue(key.getString("publicKey").length() > 40, key.encode());

    Path file = write(dir, "x.json", new JsonObject());
    assertEquals(2, verify(file, "--expect", "abc").code());
    assertEquals(2, VerifyRecord.run(new String[] {"--keys"}, new PrintStream(new ByteArrayOutputStream())));
    assertEquals(1, verify(file, "--keys", dir.resolve("missing.json").toString()).code());
  }
}
