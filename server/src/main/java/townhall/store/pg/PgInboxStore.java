package townhall.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import townhall.domain.AnswerDraft;
import townhall.domain.Attachment;
import townhall.domain.InboxItem;
import townhall.store.InboxStore;

/** {@link InboxStore} on {@code agency_inbox}, {@code answer_drafts}, {@code answer_settings}, {@code inbox_reminders}. */
final class PgInboxStore implements InboxStore {
  // every statement is one fixed text with $n parameters, its columns written out (as in the other stores)
  private static final String UPSERT = "INSERT INTO agency_inbox (session_id, question_id, agency_slug, due,"
      + " referred_at, question_text, follow_code) VALUES ($1, $2, $3, $4, $5, $6, $7)"
      + " ON CONFLICT (session_id, question_id) DO UPDATE SET agency_slug = EXCLUDED.agency_slug,"
      + " due = EXCLUDED.due, referred_at = EXCLUDED.referred_at, question_text = EXCLUDED.question_text,"
      + " follow_code = EXCLUDED.follow_code";

  private final Pool pool;

  PgInboxStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Void> referred(InboxItem item) {
    return PgCalls.mapped(pool.preparedQuery(UPSERT).execute(tuple(item)).mapEmpty());
  }

  @Override
  public Future<Void> answered(String sessionId, String questionId, List<String> sha256s) {
    Tuple key = Tuple.of(sessionId, questionId);
    Tuple files = Tuple.of(sessionId, questionId, sha256s.toArray(new String[0]));
    return PgCalls.mapped(pool.withTransaction(tx -> tx.preparedQuery(
            "DELETE FROM agency_inbox WHERE session_id = $1 AND question_id = $2").execute(key)
        .compose(done -> tx.preparedQuery("DELETE FROM answer_drafts WHERE session_id = $1 AND question_id = $2")
            .execute(key))
        .compose(done -> tx.preparedQuery("UPDATE answer_attachments SET published_at = now()"
            + " WHERE session_id = $1 AND question_id = $2 AND published_at IS NULL AND sha256 = ANY($3)")
            .execute(files))
        .compose(done -> tx.preparedQuery("DELETE FROM answer_attachments"
            + " WHERE session_id = $1 AND question_id = $2 AND published_at IS NULL").execute(key)))
        .mapEmpty());
  }

  @Override
  public Future<Long> addAttachment(String sessionId, String questionId, Attachment file, byte[] bytes, int max) {
    // one statement: the count and the insert cannot be split by another node's upload
    return PgCalls.mapped(pool.preparedQuery("INSERT INTO answer_attachments (session_id, question_id, name,"
            + " content_type, size, sha256, bytes) SELECT $1, $2, $3, $4, $5, $6, $7 WHERE (SELECT count(*)"
            + " FROM answer_attachments WHERE session_id = $1 AND question_id = $2 AND published_at IS NULL) < $8"
            + " RETURNING id")
        .execute(Tuple.from(List.of(sessionId, questionId, file.name(), file.type(), (int) file.size(),
            file.sha256(), io.vertx.core.buffer.Buffer.buffer(bytes), max)))
        .map(rows -> {
          if (rows.size() == 0) {
            throw new townhall.domain.DomainException(townhall.domain.ErrorCode.CONFLICT,
                "An answer carries at most " + max + " attachments");
          }
          return rows.iterator().next().getLong(0);
        }));
  }

  @Override
  public Future<List<StoredAttachment>> attachments(String sessionId, String questionId) {
    return PgCalls.mapped(pool.preparedQuery("SELECT id, name, content_type, size, sha256, published_at IS NOT NULL"
            + " AS published FROM answer_attachments WHERE session_id = $1 AND question_id = $2 ORDER BY id")
        .execute(Tuple.of(sessionId, questionId)).map(rows -> {
          List<StoredAttachment> list = new ArrayList<>();
          rows.forEach(row -> list.add(new StoredAttachment(row.getLong("id"), attachment(row),
              row.getBoolean("published"))));
          return list;
        }));
  }

  @Override
  public Future<Optional<AttachmentFile>> attachmentFile(String sessionId, String questionId, long id) {
    return PgCalls.mapped(pool.preparedQuery("SELECT name, content_type, size, sha256, bytes FROM answer_attachments"
            + " WHERE session_id = $1 AND question_id = $2 AND id = $3").execute(Tuple.of(sessionId, questionId, id))
        .map(PgInboxStore::file));
  }

  @Override
  public Future<Boolean> removeAttachment(String sessionId, String questionId, long id) {
    return PgCalls.mapped(pool.preparedQuery("DELETE FROM answer_attachments WHERE session_id = $1"
            + " AND question_id = $2 AND id = $3 AND published_at IS NULL RETURNING id")
        .execute(Tuple.of(sessionId, questionId, id)).map(rows -> rows.size() == 1));
  }

  @Override
  public Future<Optional<AttachmentFile>> publishedFile(String sha256) {
    return PgCalls.mapped(pool.preparedQuery("SELECT name, content_type, size, sha256, bytes FROM answer_attachments"
            + " WHERE sha256 = $1 AND published_at IS NOT NULL ORDER BY id LIMIT 1").execute(Tuple.of(sha256))
        .map(PgInboxStore::file));
  }

  private static Attachment attachment(Row row) {
    return new Attachment(row.getString("name"), row.getString("content_type"), row.getInteger("size"),
        row.getString("sha256"));
  }

  private static Optional<AttachmentFile> file(Iterable<Row> rows) {
    java.util.Iterator<Row> it = rows.iterator();
    if (!it.hasNext()) {
      return Optional.empty();
    }
    Row row = it.next();
    return Optional.of(new AttachmentFile(attachment(row), row.getBuffer("bytes").getBytes()));
  }

  @Override
  public Future<Void> replaceSession(String sessionId, List<InboxItem> items) {
    return PgCalls.mapped(pool.withTransaction(tx -> {
      Future<?> done = tx.preparedQuery("DELETE FROM agency_inbox WHERE session_id = $1")
          .execute(Tuple.of(sessionId));
      if (!items.isEmpty()) {
        List<Tuple> rows = items.stream().map(PgInboxStore::tuple).toList();
        done = done.compose(deleted -> tx.preparedQuery(UPSERT).executeBatch(rows));
      }
      return done;
    }).mapEmpty());
  }

  @Override
  public Future<List<InboxItem>> open(List<String> agencies) {
    return PgCalls.mapped(pool.preparedQuery("SELECT session_id, question_id, agency_slug, due, referred_at,"
            + " question_text, follow_code"
            + " FROM agency_inbox"
            + " WHERE agency_slug = ANY($1) ORDER BY due, referred_at, session_id, question_id")
        .execute(Tuple.of(agencies.toArray(new String[0]))).map(PgInboxStore::items));
  }

  @Override
  public Future<Optional<InboxItem>> item(String sessionId, String questionId) {
    return PgCalls.mapped(pool.preparedQuery("SELECT session_id, question_id, agency_slug, due, referred_at,"
            + " question_text, follow_code"
            + " FROM agency_inbox"
            + " WHERE session_id = $1 AND question_id = $2").execute(Tuple.of(sessionId, questionId))
        .map(rows -> items(rows).stream().findFirst()));
  }

  @Override
  public Future<List<InboxItem>> dueBy(LocalDate until) {
    return PgCalls.mapped(pool.preparedQuery("SELECT session_id, question_id, agency_slug, due, referred_at,"
            + " question_text, follow_code"
        + " FROM agency_inbox WHERE due <= $1"
        + " ORDER BY due, session_id, question_id").execute(Tuple.of(until)).map(PgInboxStore::items));
  }

  @Override
  public Future<Void> saveDraft(AnswerDraft draft) {
    return PgCalls.mapped(pool.preparedQuery("INSERT INTO answer_drafts (session_id, question_id, agency_slug, text,"
            + " updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (session_id, question_id)"
            + " DO UPDATE SET agency_slug = EXCLUDED.agency_slug, text = EXCLUDED.text,"
            + " updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at")
        .execute(Tuple.of(draft.sessionId(), draft.questionId(), draft.agency(), draft.text(), draft.updatedBy(),
            draft.updatedAt())).mapEmpty());
  }

  @Override
  public Future<Optional<AnswerDraft>> draft(String sessionId, String questionId) {
    return PgCalls.mapped(pool.preparedQuery("SELECT session_id, question_id, agency_slug, text, updated_by,"
            + " updated_at FROM answer_drafts WHERE session_id = $1 AND question_id = $2")
        .execute(Tuple.of(sessionId, questionId)).map(rows -> drafts(rows).stream().findFirst()));
  }

  @Override
  public Future<List<AnswerDraft>> drafts(List<String> agencies) {
    return PgCalls.mapped(pool.preparedQuery("SELECT session_id, question_id, agency_slug, text, updated_by,"
            + " updated_at FROM answer_drafts WHERE agency_slug = ANY($1)")
        .execute(Tuple.of(agencies.toArray(new String[0]))).map(PgInboxStore::drafts));
  }

  @Override
  public Future<Boolean> respondersPublish(long organizationId) {
    return PgCalls.mapped(pool.preparedQuery("SELECT responders_publish FROM answer_settings"
            + " WHERE organization_id = $1").execute(Tuple.of(organizationId))
        .map(rows -> rows.size() > 0 && rows.iterator().next().getBoolean(0)));
  }

  @Override
  public Future<Void> setRespondersPublish(long organizationId, boolean allowed) {
    return PgCalls.mapped(pool.preparedQuery("INSERT INTO answer_settings (organization_id, responders_publish)"
            + " VALUES ($1, $2) ON CONFLICT (organization_id) DO UPDATE SET responders_publish = $2")
        .execute(Tuple.of(organizationId, allowed)).mapEmpty());
  }

  @Override
  public Future<Boolean> claimReminder(String sessionId, String questionId, LocalDate day, String kind) {
    return PgCalls.mapped(pool.preparedQuery("INSERT INTO inbox_reminders (session_id, question_id, day, kind)"
            + " VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING session_id")
        .execute(Tuple.of(sessionId, questionId, day, kind)).map(rows -> rows.size() == 1));
  }

  @Override
  public Future<List<String>> responderEmails(String agencySlug) {
    return PgCalls.mapped(pool.preparedQuery("SELECT DISTINCT a.email FROM accounts a"
            + " JOIN role_grants g ON g.account_id = a.id JOIN organizations o ON o.id = g.organization_id"
            + " WHERE o.slug = $1 AND g.role = 'responder' ORDER BY a.email").execute(Tuple.of(agencySlug))
        .map(rows -> {
          List<String> emails = new ArrayList<>();
          rows.forEach(row -> emails.add(row.getString(0)));
          return emails;
        }));
  }

  private static Tuple tuple(InboxItem item) {
    return Tuple.of(item.sessionId(), item.questionId(), item.agency(), item.due(), item.referredAt(),
        item.text() == null ? "" : item.text(), item.followCode());
  }

  private static List<InboxItem> items(Iterable<Row> rows) {
    List<InboxItem> items = new ArrayList<>();
    rows.forEach(row -> items.add(new InboxItem(row.getString("session_id"), row.getString("question_id"),
        row.getString("agency_slug"), row.getLocalDate("due"), row.getLong("referred_at"),
        row.getString("question_text"), row.getString("follow_code"))));
    return items;
  }

  private static List<AnswerDraft> drafts(Iterable<Row> rows) {
    List<AnswerDraft> drafts = new ArrayList<>();
    rows.forEach(row -> drafts.add(new AnswerDraft(row.getString("session_id"), row.getString("question_id"),
        row.getString("agency_slug"), row.getString("text"), row.getLong("updated_by"),
        row.getLong("updated_at"))));
    return drafts;
  }
}
