package townhall.domain.record;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import townhall.domain.Answer;
import townhall.domain.Channel;
import townhall.domain.Language;
import townhall.domain.Moderation;
import townhall.domain.ModerationAction;
import townhall.domain.QuestionStatus;
import townhall.domain.Session;
import townhall.domain.SessionStatus;
import townhall.domain.TextCategory;

/**
 * Derives a session's record from its record chain, applying each entry as the store applied the action (the same
 * state rules as the Lua scripts). Only vote counts, participants while the session is not closed, and the activity
 * of joins and votes come from elsewhere; everything else follows from the chain alone, so a verifier can derive it
 * again from an exported record and compare.
 */
public final class RecordFold {
  private RecordFold() {
  }

  /**
   * What a record is derived from.
   *
   * @param current          the session as stored now: used only for a chain that does not begin with its
   *                         creation (a session created before the record chain existed); may be {@code null}
   * @param liveVotes        vote counts now, by question id (used while the session is not closed)
   * @param liveParticipants resident identities that joined so far (used while the session is not closed)
   * @param joins            when each resident identity joined (for the activity)
   * @param voteTimes        when each standing upvote was cast (for the activity)
   * @param full             whether the entries and links reveal every sealed value (a label of the result)
   */
  public record Inputs(Session current, List<ChainLink> links, List<ChainEntry> entries,
      Map<String, Integer> liveVotes, int liveParticipants, Collection<Long> joins, Collection<Long> voteTimes,
      long generatedAt, boolean full) {

    /** Inputs of a public record. */
    public Inputs(Session current, List<ChainLink> links, List<ChainEntry> entries, Map<String, Integer> liveVotes,
        int liveParticipants, Collection<Long> joins, Collection<Long> voteTimes, long generatedAt) {
      this(current, links, entries, liveVotes, liveParticipants, joins, voteTimes, generatedAt, false);
    }
  }

  /**
   * Which sealed fields of which entries may be public (see {@code docs/record.md}, what is public and why), from
   * the chain's entries with every sealed value revealed: by entry number, the names of the fields to reveal.
   *
   * <ul>
   *   <li>A question's text as it stands, and its author's name: when it was shown to the public (asked live,
   *   approved, answered) and neither withheld by a moderator nor standing rejected as abusive, spam or personal
   *   data; or when it stands rejected as off topic, duplicate or other. Never for a question still pending.</li>
   *   <li>An earlier wording of a question whose text is public: when the edit that replaced it said
   *   {@code publishOriginal}.</li>
   *   <li>A rejection's reason: when its category is off topic or duplicate.</li>
   *   <li>The name of the person a clerk entered a question for ({@code speaker}): when a moderator published it
   *   ({@code publishName}) and the question's text is public.</li>
   *   <li>Never: a withholding's reason, whose question a ban was about.</li>
   * </ul>
   */
  public static Map<Long, Set<String>> publicFields(List<ChainEntry> entries) {
    Pass pass = new Pass();
    entries.forEach(pass::apply);
    return pass.publicFields();
  }

  /**
   * The inputs of the public record from those of the full one: every link and entry revealing only the sealed
   * fields of {@link #publicFields}.
   */
  public static Inputs publicView(Inputs full) {
    Map<Long, Set<String>> reveal = publicFields(full.entries());
    List<ChainLink> links = full.links().stream().map(l -> l.revealing(reveal.getOrDefault(l.n(), Set.of())))
        .toList();
    List<ChainEntry> entries = full.entries().stream()
        .map(e -> e.revealing(reveal.getOrDefault(e.n(), Set.of()))).toList();
    return new Inputs(full.current(), links, entries, full.liveVotes(), full.liveParticipants(), full.joins(),
        full.voteTimes(), full.generatedAt(), false);
  }

  private static void reveal(Map<Long, Set<String>> reveal, long n, String field) {
    reveal.computeIfAbsent(n, k -> new HashSet<>()).add(field);
  }

  /** The record; fails with {@link IllegalArgumentException} when the chain lacks its start and no session is given. */
  public static SessionRecord fold(Inputs in) {
    Pass pass = new Pass();
    in.entries().forEach(pass::apply);
    Outline outline = pass.outline(in.current(), in.generatedAt());
    Map<String, Integer> votes = outline.votesFinal() ? outline.finalVotes() : in.liveVotes();
    List<QuestionRecord> questions = pass.questions(id -> votes.getOrDefault(id, 0));
    RecordActivity activity = RecordActivity.of(outline.createdAt(), outline.activityEnd(), in.joins(),
        questions.stream().map(QuestionRecord::askedAt).toList(), in.voteTimes());
    List<ChainLink> links = List.copyOf(in.links());
    String finalHash = links.isEmpty() ? null : links.get(links.size() - 1).hash();
    return outline.record(totals(questions, outline.participants(in.liveParticipants()), outline.bans()),
        List.copyOf(questions), activity, links, finalHash, in.full());
  }

  /**
   * The activity {@link #fold} gives, drawn as the record's first format drew it (buckets from the creation itself,
   * {@link RecordActivity#firstFormat}): for checking a record exported then.
   */
  public static RecordActivity firstFormatActivity(Inputs in) {
    Pass pass = new Pass();
    in.entries().forEach(pass::apply);
    Outline outline = pass.outline(in.current(), in.generatedAt());
    List<Long> asked = pass.questions(id -> 0).stream().map(QuestionRecord::askedAt).toList();
    return RecordActivity.firstFormat(outline.createdAt(), outline.activityEnd(), in.joins(), asked, in.voteTimes());
  }

  /** Counts by fate, and the median time to the first answer over the answered questions. */
  static RecordTotals totals(List<QuestionRecord> questions, int participants, int bans) {
    Totals totals = new Totals();
    questions.forEach(totals::add);
    return totals.totals(participants, bans);
  }

  /** The median (the mean of the two middle values, rounded down, for an even count), or {@code null}. */
  static Long median(List<Long> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Long> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle)
        : Math.floorDiv(sorted.get(middle - 1) + sorted.get(middle), 2);
  }

  /** The totals of questions counted one at a time (of each question only an answer time is kept). */
  public static final class Totals {
    private final Map<Fate, Integer> byFate = new EnumMap<>(Fate.class);
    private final Map<Channel, Integer> byChannel = new EnumMap<>(Channel.class);
    private final List<Long> answerTimes = new ArrayList<>();
    private int questions;
    private int withheld;

    public void add(QuestionRecord q) {
      questions++;
      byFate.merge(q.fate(), 1, Integer::sum);
      byChannel.merge(q.channel(), 1, Integer::sum);
      if (q.withheld() != null) {
        withheld++;
      }
      if (q.fate() == Fate.ANSWERED && q.answeredAt() != null) {
        answerTimes.add(q.answeredAt() - q.askedAt());
      }
    }

    public RecordTotals totals(int participants, int bans) {
      return new RecordTotals(participants, questions, byFate.getOrDefault(Fate.ANSWERED, 0),
          byFate.getOrDefault(Fate.MERGED, 0), byFate.getOrDefault(Fate.REJECTED, 0),
          byFate.getOrDefault(Fate.OPEN, 0), byFate.getOrDefault(Fate.WITHDRAWN, 0),
          byFate.getOrDefault(Fate.ARCHIVED, 0), median(answerTimes), byFate.getOrDefault(Fate.NOT_REVIEWED, 0),
          withheld, bans, byChannel);
    }
  }

  /**
   * What the record says of the session as a whole, once the whole chain has been applied.
   *
   * @param finalVotes  the tally of the latest close while the session is closed, else {@code null}
   * @param activityEnd the end of the activity's span: the close, or the later of now and the last entry
   */
  public record Outline(String sessionId, String title, Language locale, Moderation moderation, boolean anonymous,
      SessionStatus status, long createdAt, Long closedAt, Long publishedAt, long generatedAt,
      Map<String, Integer> finalVotes, Integer finalParticipants, long activityEnd, int bans,
      List<SessionRecord.Withdrawal> withdrawals, List<PollRecord> polls) {

    public boolean votesFinal() {
      return finalVotes != null;
    }

    /** The participants of the tally when final, else {@code live}. */
    public int participants(int live) {
      return votesFinal() && finalParticipants != null ? finalParticipants : live;
    }

    public SessionRecord record(RecordTotals totals, List<QuestionRecord> questions, RecordActivity activity,
        List<ChainLink> chain, String finalHash, boolean full) {
      return new SessionRecord(sessionId, title, locale, moderation, anonymous, status, createdAt, closedAt,
          publishedAt, generatedAt, votesFinal(), totals, questions, activity, chain, finalHash, withdrawals, full,
          null, null, polls);
    }
  }

  /**
   * The chain applied entry by entry. A pass keeps the state of the questions whose place in the order of asking
   * (0-based) is in {@code [first, first + count)} only, so a record of any number of questions can be folded in
   * several passes over its chain, a window of questions at a time, with the memory of one window; what the record
   * says of the session as a whole ({@link #outline}) is the same from every pass.
   */
  public static final class Pass {
    private final long first;
    private final long last;
    private final Map<String, QuestionState> questions = new LinkedHashMap<>();
    private final List<SessionRecord.Withdrawal> withdrawals = new ArrayList<>();
    /** The session's polls by id, in the order they were opened (few: every pass keeps them all). */
    private final Map<String, PollRecord> polls = new LinkedHashMap<>();
    private int bans;
    private long asked;
    private ChainEntry.Created created;
    private ChainEntry.StatusChanged lastClose;
    private SessionStatus status = SessionStatus.OPEN;
    private Long publishedAt;
    private String onStage;
    private long lastAt;

    /** A pass that keeps every question. */
    public Pass() {
      this(0, Long.MAX_VALUE);
    }

    public Pass(long first, long count) {
      this.first = first;
      this.last = count > Long.MAX_VALUE - first ? Long.MAX_VALUE : first + count;
    }

    /** How many questions the entries applied so far asked (in the window or not). */
    public long asked() {
      return asked;
    }

    /** The ids of the window's questions, in the order they were asked. */
    public List<String> questionIds() {
      return List.copyOf(questions.keySet());
    }

    /** The window's questions, in the order they were asked, with their votes. */
    public List<QuestionRecord> questions(Function<String, Integer> votes) {
      boolean closed = status == SessionStatus.CLOSED;
      List<QuestionRecord> records = new ArrayList<>(questions.size());
      for (QuestionState q : questions.values()) {
        records.add(q.toRecord(votes.apply(q.id), closed));
      }
      return records;
    }

    /**
     * The sealed fields of the window's questions that may be public (see {@link RecordFold#publicFields}), by
     * entry number; the entries applied must reveal every sealed value.
     */
    public Map<Long, Set<String>> publicFields() {
      Map<Long, Set<String>> reveal = new TreeMap<>();
      for (QuestionState q : questions.values()) {
        if (q.textPublic()) {
          reveal(reveal, q.askedN, "author");
          if (q.namePublic) {
            reveal(reveal, q.askedN, "speaker");
          }
          int edits = q.editEntries.size();
          reveal(reveal, edits == 0 ? q.askedN : q.editEntries.get(edits - 1).n(), "text");
          for (int i = 0; i < edits; i++) {
            if (q.editEntries.get(i).publishOriginal()) {
              reveal(reveal, i == 0 ? q.askedN : q.editEntries.get(i - 1).n(), "text");
            }
          }
        }
        for (ChainEntry.Moderated reject : q.rejections) {
          if (reject.category() != null && reject.category().reasonPublic()) {
            reveal(reveal, reject.n(), "reason");
          }
        }
      }
      return reveal;
    }

    /**
     * The session as the chain tells it; {@code current} (the session as stored now) stands in for a chain that
     * does not begin with the creation, and is then required.
     */
    public Outline outline(Session current, long generatedAt) {
      ChainEntry.Created c = created;
      if (c == null && current == null) {
        throw new IllegalArgumentException("The chain does not begin with the session's creation");
      }
      SessionStatus now = c != null || current == null ? status : current.status();
      ChainEntry.StatusChanged tally = now == SessionStatus.CLOSED ? lastClose : null;
      boolean votesFinal = tally != null && tally.votes() != null;
      Long closedAt = tally != null ? tally.at() : null;
      long createdAt = c != null ? c.at() : current.createdAt();
      return new Outline(c != null ? c.sessionId() : current.id(), c != null ? c.title() : current.title(),
          c != null ? c.locale() : current.language(), c != null ? c.moderation() : current.moderation(),
          c != null ? c.anonymous() : current.anonymousAllowed(), now, createdAt, closedAt, publishedAt,
          generatedAt, votesFinal ? tally.votes() : null, votesFinal ? tally.participants() : null,
          closedAt != null ? closedAt : Math.max(generatedAt, lastAt), bans, List.copyOf(withdrawals),
          List.copyOf(polls.values()));
    }

    public void apply(ChainEntry entry) {
      if (!(entry instanceof ChainEntry.FollowedUp) && !(entry instanceof ChainEntry.Rated)
          && !(entry instanceof ChainEntry.Classified)) {
        // follow-up, ratings and classifying go on after the session: no part of the session's activity
        lastAt = Math.max(lastAt, entry.at());
      }
      if (entry instanceof ChainEntry.Created c) {
        created = c;
      } else if (entry instanceof ChainEntry.Asked a) {
        if (asked >= first && asked < last) {
          questions.put(a.questionId(), new QuestionState(a));
        }
        asked++;
      } else if (entry instanceof ChainEntry.Withdrawn w) {
        withQuestion(w.questionId(), q -> q.withdraw(w));
      } else if (entry instanceof ChainEntry.Moderated m) {
        moderated(m);
      } else if (entry instanceof ChainEntry.Staged s) {
        stage(s);
      } else if (entry instanceof ChainEntry.FollowedUp f) {
        withQuestion(f.questionId(), q -> {
          q.followUp.add(new QuestionRecord.FollowUp(f.at(), f.step(), f.agency(), f.due(), f.note(), f.role(),
              f.files()));
          if (f.text() != null) {
            // a written answer after the session: the latest written answer; the question's fate stays
            q.answer = new Answer(f.text(), f.at());
          }
        });
      } else if (entry instanceof ChainEntry.Classified c) {
        withQuestion(c.questionId(), q -> {
          q.topic = c.topic();
          q.area = c.area();
        });
      } else if (entry instanceof ChainEntry.Rated r) {
        withQuestion(r.questionId(), q -> {
          if ("satisfied".equals(r.rating())) {
            q.satisfied++;
          } else {
            q.notSatisfied++;
          }
        });
      } else if (entry instanceof ChainEntry.StatusChanged s) {
        status = s.to();
        if (s.to() == SessionStatus.CLOSED) {
          lastClose = s;
        }
      } else if (entry instanceof ChainEntry.Published p && publishedAt == null) {
        publishedAt = p.at();
      } else if (entry instanceof ChainEntry.Unpublished u) {
        publishedAt = null;
        withdrawals.add(new SessionRecord.Withdrawal(u.at(), u.by(), u.reason()));
      } else if (entry instanceof ChainEntry.PollOpened o) {
        polls.put(o.poll(), new PollRecord(o.poll(), o.kind(), o.question(), o.options(), o.max(), o.hidden(), o.at(),
            null, null, null, null, 0, null));
      } else if (entry instanceof ChainEntry.PollClosed c) {
        polls.computeIfPresent(c.poll(), (id, p) -> new PollRecord(id, p.kind(), p.question(), p.options(), p.max(),
            p.hidden(), p.openedAt(), c.at(), c.counts(), c.answers(), "text".equals(p.kind()) ? c.texts() : null,
            p.hiddenAnswers(), "text".equals(p.kind()) ? c.words() : null));
      } else if (entry instanceof ChainEntry.PollAnswerHidden h) {
        polls.computeIfPresent(h.poll(), (id, p) -> new PollRecord(id, p.kind(), p.question(), p.options(), p.max(),
            p.hidden(), p.openedAt(), p.closedAt(), p.counts(), p.answers(), p.texts(), p.hiddenAnswers() + 1,
            p.words()));
      }
    }

    private void moderated(ChainEntry.Moderated m) {
      if (m.action() == ModerationAction.BAN) {
        bans++;
      }
      if (m.questionId() == null) {
        return; // a ban whose question this copy of the record does not say
      }
      withQuestion(m.questionId(), q -> q.moderate(m));
      if (m.action() == ModerationAction.MERGE && m.into() != null) {
        withQuestion(m.into(), target -> target.mergedFrom.add(m.questionId()));
      }
    }

    private void stage(ChainEntry.Staged s) {
      if (onStage != null) {
        withQuestion(onStage, q -> q.leaveStage(s.at()));
      }
      onStage = s.questionId();
      if (onStage != null) {
        withQuestion(onStage, q -> q.stage.add(new long[] {s.at(), -1}));
      }
    }

    /**
     * Entries about a question outside the window, or that the chain never saw asked (asked before the chain
     * existed), are left out.
     */
    private void withQuestion(String id, Consumer<QuestionState> change) {
      QuestionState q = questions.get(id);
      if (q != null) {
        change.accept(q);
      }
    }
  }

  /** One question while the chain is applied. */
  private static final class QuestionState {
    final String id;
    final long askedN;
    final String author;
    final long askedAt;
    final String askedText;
    final String followCode;
    final ChainEntry.Asked asked;
    final List<QuestionRecord.FollowUp> followUp = new ArrayList<>();
    int satisfied;
    int notSatisfied;
    String text;
    QuestionStatus status;
    String reason;
    TextCategory rejectionCategory;
    TextCategory withheld;
    boolean shown;
    final List<ChainEntry.Moderated> editEntries = new ArrayList<>();
    final List<ChainEntry.Moderated> rejections = new ArrayList<>();
    String mergedInto;
    String topic;
    String area;
    boolean namePublic;
    String slip;
    Answer answer;
    Long answeredAt;
    final List<QuestionRecord.Edit> edits = new ArrayList<>();
    final List<String> mergedFrom = new ArrayList<>();
    final List<long[]> stage = new ArrayList<>();
    final List<QuestionRecord.Step> steps = new ArrayList<>();

    QuestionState(ChainEntry.Asked a) {
      id = a.questionId();
      askedN = a.n();
      author = a.author();
      askedAt = a.at();
      askedText = a.text();
      followCode = a.followCode();
      asked = a;
      text = a.text();
      status = a.status();
      shown = status.visibleToResidents();
    }

    /** Whether its text as it stands may be public (see {@link RecordFold#publicFields}). */
    boolean textPublic() {
      if (withheld != null || status == QuestionStatus.PENDING) {
        return false;
      }
      if (status == QuestionStatus.REJECTED) {
        return rejectionCategory == null || !rejectionCategory.withholdsText();
      }
      return shown;
    }

    /** Why its text is withheld from the public record, or {@code null}. */
    TextCategory withheldFor() {
      if (withheld != null) {
        return withheld;
      }
      return status == QuestionStatus.REJECTED && rejectionCategory != null && rejectionCategory.withholdsText()
          ? rejectionCategory : null;
    }

    void withdraw(ChainEntry.Withdrawn w) {
      status = QuestionStatus.WITHDRAWN;
      steps.add(new QuestionRecord.Step(w.at(), QuestionRecord.Step.WITHDRAW, null, null, null, null, null, null));
    }

    void moderate(ChainEntry.Moderated m) {
      steps.add(new QuestionRecord.Step(m.at(), m.action().wireName(), m.by(), m.reason(), m.text(), m.into(),
          m.votes(), m.category()));
      switch (m.action()) {
        case APPROVE -> {
          status = QuestionStatus.LIVE;
          shown = true;
        }
        case REJECT -> {
          status = QuestionStatus.REJECTED;
          reason = m.reason();
          rejectionCategory = m.category() == null ? TextCategory.OTHER : m.category();
          rejections.add(m);
        }
        case EDIT -> {
          text = m.text();
          edits.add(new QuestionRecord.Edit(m.at(), m.by(), m.text()));
          editEntries.add(m);
        }
        case WITHHOLD -> withheld = m.category() == null ? TextCategory.OTHER : m.category();
        case PUBLISH_NAME -> namePublic = true;
        case PUBLISH_SLIP -> slip = m.slip();
        case UNWITHHOLD -> withheld = null;
        case ANSWER -> {
          shown = true;
          status = QuestionStatus.ANSWERED;
          if (m.text() != null) {
            answer = new Answer(m.text(), m.at());
          }
          if (answeredAt == null) {
            answeredAt = m.at();
          }
        }
        case ARCHIVE -> status = QuestionStatus.ARCHIVED;
        case RESTORE -> {
          status = answeredAt != null ? QuestionStatus.ANSWERED : QuestionStatus.LIVE;
          shown = true;
          reason = null;
          rejectionCategory = null;
        }
        case MERGE -> {
          status = QuestionStatus.ARCHIVED;
          mergedInto = m.into();
        }
        case HIGHLIGHT, UNHIGHLIGHT, BAN, FREEZE, UNFREEZE -> {
          // the stage has entries of its own; a ban or a freeze does not change the question
        }
      }
    }

    void leaveStage(long at) {
      long[] open = stage.isEmpty() ? null : stage.get(stage.size() - 1);
      if (open != null && open[1] < 0) {
        open[1] = at;
      }
    }

    QuestionRecord toRecord(int votes, boolean closed) {
      List<QuestionRecord.StageSpell> spells = stage.stream()
          .map(s -> new QuestionRecord.StageSpell(s[0], s[1] < 0 ? null : s[1])).toList();
      return new QuestionRecord(id, text, edits.isEmpty() ? null : askedText, List.copyOf(edits), author, askedAt,
          votes, status, Fate.of(status, mergedInto != null, closed), reason, mergedInto, List.copyOf(mergedFrom),
          answer, answeredAt, spells, List.copyOf(steps), rejectionCategory, withheldFor(), followCode,
          List.copyOf(followUp), new QuestionRecord.Satisfaction(satisfied, notSatisfied), asked.channel(),
          asked.clerk() == null ? null
              // the photo shows the slip's words: a copy that does not show the text does not show the photo
              : new QuestionRecord.ClerkEntry(asked.clerk(), asked.area(), asked.speaker(), text == null ? null : slip),
          topic, area);
    }
  }
}
