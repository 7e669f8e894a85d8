package townhall.http;

import java.net.URI;
import java.util.List;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import townhall.domain.org.CatalogEntry;
import townhall.domain.org.Leader;
import townhall.domain.org.Organization;

/** iCalendar (RFC 5545) feeds of scheduled sessions, built with ical4j; times in UTC, so no VTIMEZONE is needed. */
final class Calendars {
  static final String CONTENT_TYPE = "text/calendar; charset=utf-8";

  private Calendars() {
  }

  /** One VEVENT per session that has a scheduled start and end. */
  static String of(Organization org, List<CatalogEntry> entries, String baseUrl) {
    Calendar calendar = new Calendar();
    calendar.add(new ProdId("-//Townhall//" + org.slug() + "//VI"));
    calendar.add(ImmutableVersion.VERSION_2_0);
    calendar.add(ImmutableCalScale.GREGORIAN);
    for (CatalogEntry entry : entries) {
      if (scheduled(entry)) {
        calendar.add(event(org, entry, baseUrl));
      }
    }
    return calendar.toString();
  }

  /** Whether the session has a start and an end, so a calendar can hold it. */
  static boolean scheduled(CatalogEntry entry) {
    return entry.scheduledStart() != null && entry.scheduledEnd() != null;
  }

  /** The VEVENT of a scheduled session: the same UID as in the organization's feed, so a calendar keeps one. */
  private static VEvent event(Organization org, CatalogEntry entry, String baseUrl) {
    VEvent event = new VEvent(entry.scheduledStart(), entry.scheduledEnd(), entry.title());
    event.add(new Uid(entry.sessionId() + "@townhall"));
    if (!entry.place().isEmpty()) {
      event.add(new Location(entry.place()));
    }
    StringBuilder description = new StringBuilder(entry.agenda());
    for (Leader leader : entry.leaders()) {
      description.append(description.isEmpty() ? "" : "\n").append(leader.name())
          .append(leader.title().isEmpty() ? "" : ", " + leader.title());
    }
    if (!description.isEmpty()) {
      event.add(new Description(description.toString()));
    }
    event.add(new Url(URI.create(baseUrl + "/o/" + org.slug() + "#" + entry.sessionId())));
    return event;
  }
}
