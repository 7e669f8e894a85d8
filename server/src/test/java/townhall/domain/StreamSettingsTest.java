package townhall.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class StreamSettingsTest {

  @Test
  void originsAreNormalisedAndDeduplicated() {
    StreamSettings s = StreamSettings.parse(null, List.of("HTTPS://Ward.Example.VN:443", "https://ward.example.vn",
        "http://localhost:8080", "http://127.0.0.1"));
    assertEquals(List.of("https://ward.example.vn", "http://localhost:8080", "http://127.0.0.1"), s.embedOrigins());
    assertEquals("https://ward.example.vn http://localhost:8080 http://127.0.0.1", s.frameAncestors());
    assertNull(s.streamUrl());
  }

  @Test
  void noOriginsMeansNone() {
    assertEquals("'none'", StreamSettings.parse("", null).frameAncestors());
    assertEquals("'none'", StreamSettings.NONE.frameAncestors());
  }

  @Test
  void theWidgetAllowsTheSessionsOriginsPlusItsOrganizationsEachOnce() {
    StreamSettings s = StreamSettings.parse(null, List.of("https://tv.example.vn", "https://ward.example.vn"));
    assertEquals("https://tv.example.vn https://ward.example.vn https://district.example.vn",
        s.frameAncestors(List.of("https://ward.example.vn", "https://district.example.vn")));
    assertEquals("https://ward.example.vn", StreamSettings.NONE.frameAncestors(List.of("https://ward.example.vn")),
        "an organization's origins alone");
    assertEquals("'none'", StreamSettings.NONE.frameAncestors(List.of()));
  }

  @Test
  void anOrganizationsOriginsAreCheckedAsASessionsAre() {
    assertEquals(List.of("https://ward.example.vn"),
        StreamSettings.embedOrigins(List.of("HTTPS://Ward.example.vn:443", "https://ward.example.vn")));
    assertEquals(List.of(), StreamSettings.embedOrigins(null));
    for (Object bad : List.of("https://ward.example.vn/x", "https://a.vn;script-src *", "*", 7)) {
      assertThrows(DomainException.class, () -> StreamSettings.embedOrigins(List.of(bad)), String.valueOf(bad));
    }
    assertThrows(DomainException.class, () -> StreamSettings.embedOrigins("https://ward.example.vn"));
  }

  @Test
  void anythingButABareSecureOriginIsRefused() {
    for (String bad : List.of("http://ward.example.vn", "https://ward.example.vn/", "https://ward.example.vn?x",
        "https://ward.example.vn#x", "https://*.example.vn", "https://a.vn b.vn", "https://a.vn;", "'none'", "",
        "data:text/html,x", "https://u:p@a.vn", "//a.vn")) {
      assertThrows(DomainException.class, () -> StreamSettings.parse(null, List.of(bad)), bad);
    }
    List<String> many = java.util.stream.IntStream.range(0, StreamSettings.MAX_ORIGINS + 1)
        .mapToObj(i -> "https://s" + i + ".vn").toList();
    assertThrows(DomainException.class, () -> StreamSettings.parse(null, many));
  }

  @Test
  void theStreamLinkIsHttpsOnly() {
    assertEquals("https://www.facebook.com/ubnd/live", StreamSettings.parse(" https://www.facebook.com/ubnd/live ",
        null).streamUrl());
    for (String bad : List.of("http://a.vn/live", "javascript:alert(1)", "https://", "https://u@a.vn/x")) {
      assertThrows(DomainException.class, () -> StreamSettings.parse(bad, null), bad);
    }
    assertThrows(DomainException.class, () -> StreamSettings.parse(7, null));
  }
}
