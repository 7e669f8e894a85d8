package townhall.http;

import townhall.service.Access;
import townhall.service.AgencyInbox;
import townhall.service.Catalog;
import townhall.service.FollowUpTracker;
import townhall.service.FollowUps;
import townhall.service.Organizations;
import townhall.service.PasswordResets;
import townhall.service.SignIns;
import townhall.store.StoreHealth;

/** What the organization's home needs, present when the node has a PostgreSQL. */
public record HomeServices(Access access, Organizations organizations, SignIns signIns, Catalog catalog,
    StoreHealth health, String rootSlug, PasswordResets passwordResets, FollowUps followUps,
    FollowUpTracker tracker, AgencyInbox inbox) {
}
