package townhall.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A failed reconnect attempt is counted by code: what the node refused apart from what never reached it. */
class ReconnectStormTest {
  @Test
  void anErrorFrameIsARefusalByItsCode() {
    assertEquals(new ReconnectStorm.Outcome(true, "error rate_limited"),
        ReconnectStorm.outcome("rate_limited", "closed before welcome (code 4429)"));
  }

  @Test
  void aSocketTheNodeClosedBeforeAnsweringIsARefusalByItsCloseCode() {
    assertEquals(new ReconnectStorm.Outcome(true, "closed 4401"),
        ReconnectStorm.outcome(null, "closed before welcome (code 4401)"));
    assertEquals(new ReconnectStorm.Outcome(true, "closed null"),
        ReconnectStorm.outcome(null, "closed before welcome (code null)"));
  }

  @Test
  void whatNeverReachedTheNodeIsAFailureNotARefusal() {
    assertEquals(new ReconnectStorm.Outcome(false, "connection refused"), ReconnectStorm.outcome(null,
        "finishConnect(..) failed with error(-111): Connection refused: /127.0.0.1:21693"));
    assertEquals(new ReconnectStorm.Outcome(false, "no answer within 120 s"),
        ReconnectStorm.outcome(null, "no welcome within 120000 ms"));
  }
}
