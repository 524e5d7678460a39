package org.guichet.web.internal;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.api.scheme.SchemeInfo;
import org.guichet.api.scheme.SchemeRegistry;
import org.guichet.api.scheme.SchemeState;

/** The home page: the aid schemes open today, in plain words, with no account needed. */
final class HomePage {
    private final Portal portal;

    HomePage(Portal portal) {
        this.portal = portal;
    }

    void home(Exchange x) throws IOException {
        List<SchemeDescriptor> open;
        try {
            SchemeRegistry r = portal.registry();
            open = r.list().stream().filter(i -> i.state() == SchemeState.ACTIVE).map(SchemeInfo::id).distinct()
                    .map(id -> r.activeDescriptor(id, null).orElse(null)).filter(Objects::nonNull).toList();
        } catch (Portal.Unavailable e) {
            open = List.of(); // the schemes are starting: "no aid open for now, come back soon"
        }
        x.render(200, "home.jte", "open", open);
    }
}
