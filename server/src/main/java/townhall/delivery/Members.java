package townhall.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is in a room: every recipient grouped by event loop, the moderators, the stage screens and each
 * participant's recipients (one person may have several tabs open). Confined to the hub context.
 */
final class Members {
  private final RecipientsByLoop all = new RecipientsByLoop();
  private final Set<Recipient> moderators = new HashSet<>();
  /** Stage screens: they receive everything residents do, but are not people, so presence leaves them out. */
  private final Set<Recipient> stageScreens = new HashSet<>();
  private final Map<String, List<Recipient>> byParticipant = new HashMap<>();

  void add(Recipient recipient) {
    all.add(recipient);
    if (recipient.isModerator()) {
      moderators.add(recipient);
    }
    if (recipient.isStage()) {
      stageScreens.add(recipient);
    }
    byParticipant.computeIfAbsent(recipient.participant().id(), id -> new ArrayList<>(1)).add(recipient);
  }

  /** Answers whether the recipient was here. */
  boolean remove(Recipient recipient) {
    if (!all.remove(recipient)) {
      return false;
    }
    moderators.remove(recipient);
    stageScreens.remove(recipient);
    List<Recipient> same = byParticipant.get(recipient.participant().id());
    same.remove(recipient);
    if (same.isEmpty()) {
      byParticipant.remove(recipient.participant().id());
    }
    return true;
  }

  boolean isEmpty() {
    return all.isEmpty();
  }

  /** The people connected here: every recipient but the stage screens. */
  int people() {
    return all.size() - stageScreens.size();
  }

  RecipientsByLoop all() {
    return all;
  }

  Set<Recipient> moderators() {
    return moderators;
  }

  Set<Recipient> stageScreens() {
    return stageScreens;
  }

  List<Recipient> of(String participantId) {
    return participantId == null ? List.of() : byParticipant.getOrDefault(participantId, List.of());
  }
}
