package townhall.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeSlotTest {
  private final AtomicInteger made = new AtomicInteger();

  private String newId() {
    return "n-" + made.incrementAndGet();
  }

  @Test
  void aSlotLetGoIsTakenAgainWithItsId(@TempDir Path dataDir) {
    String first;
    try (NodeSlot slot = NodeSlot.claim(dataDir, this::newId)) {
      assertTrue(slot.held());
      first = slot.id();
    }
    try (NodeSlot again = NodeSlot.claim(dataDir, this::newId)) {
      assertEquals(first, again.id(), "a node started again on its folder keeps its presence id");
    }
  }

  @Test
  void nodesSharingAFolderHoldSlotsOfTheirOwn(@TempDir Path dataDir) {
    try (NodeSlot a = NodeSlot.claim(dataDir, this::newId); NodeSlot b = NodeSlot.claim(dataDir, this::newId)) {
      assertTrue(a.held() && b.held());
      assertNotEquals(a.id(), b.id());
    }
  }

  @Test
  void aFolderThatCannotBeWrittenGivesAFreshId(@TempDir Path dataDir) throws Exception {
    Path file = dataDir.resolve("a-file");
    java.nio.file.Files.writeString(file, "not a folder");
    try (NodeSlot slot = NodeSlot.claim(file, this::newId)) {
      assertEquals(false, slot.held());
      assertEquals("n-1", slot.id());
    }
  }
}
