package townhall.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The signed links of askers' messages: each names what it was signed for, and nothing else passes. */
class FollowLinksTest {
  private final FollowLinks links = new FollowLinks("key one, 32 bytes long, for test".getBytes(StandardCharsets.UTF_8),
      "https://townhall.example.vn/");
  private final FollowLinks otherKey = new FollowLinks("another key, also for the test!!".getBytes(StandardCharsets.UTF_8),
      "https://townhall.example.vn");

  private static String token(String link, String marker) {
    return link.substring(link.indexOf(marker) + marker.length());
  }

  @Test
  void anUnsubscribeLinkNamesItsSubscriptionAndNoOther() {
    String link = links.unsubscribeLink("BN-4K7Q", 42);
    assertTrue(link.startsWith("https://townhall.example.vn/f/BN-4K7Q#unsubscribe=42."), link);
    String token = token(link, "#unsubscribe=");
    assertEquals(OptionalLong.of(42), links.unsubscribed(token));
    assertEquals(OptionalLong.empty(), links.unsubscribed("43" + token.substring(2)), "another id, same signature");
    assertEquals(OptionalLong.empty(), otherKey.unsubscribed(token), "signed with another key");
    for (String forged : new String[] {null, "", "42", "42.", ".abc", "0.abc", "-1.abc", "x.abc", "42.abc"}) {
      assertEquals(OptionalLong.empty(), links.unsubscribed(forged), String.valueOf(forged));
    }
  }

  @Test
  void aRatingTokenIsTheQuestionsOwn() {
    String token = token(links.rateLink("BN-4K7Q"), "#rate=");
    assertTrue(links.isRateToken("BN-4K7Q", token));
    assertFalse(links.isRateToken("BN-4K7R", token));
    assertFalse(otherKey.isRateToken("BN-4K7Q", token));
    assertFalse(links.isRateToken("BN-4K7Q", null));
    assertNotEquals(links.rateToken("BN-4K7Q"), links.rateToken("BN-4K7R"));
    assertEquals("https://townhall.example.vn/f/BN-4K7Q#confirm=abc", links.confirmLink("BN-4K7Q", "abc"));
  }
}
