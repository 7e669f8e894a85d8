package townhall.domain.topic;

/**
 * A residential group of an organization (khu phố, tổ dân phố, ấp).
 *
 * @param key  its stable name in records ({@code khu-pho-3})
 * @param name its name as residents say it ("Khu phố 3")
 */
public record Area(String key, String name) {
}
