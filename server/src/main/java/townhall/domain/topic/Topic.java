package townhall.domain.topic;

import java.util.List;

/**
 * A field questions are classified by (đất đai, giao thông, …), as an organization keeps it.
 *
 * @param key      its stable name in records and URLs ({@code dat-dai}); names may change, the key does not
 * @param nameVi   its Vietnamese name
 * @param nameEn   its English name
 * @param keywords words and phrases that suggest it ("giải phóng mặt bằng", "sổ đỏ"), matched without diacritics
 */
public record Topic(String key, String nameVi, String nameEn, List<String> keywords) {
  public Topic {
    keywords = keywords == null ? List.of() : List.copyOf(keywords);
  }
}
