package org.guichet.franceconnect.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import org.guichet.api.accounts.IdentityProvider;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the FranceConnect {@link IdentityProvider} while etc/org.guichet.franceconnect.cfg names a provider (an
 * issuer, a client id and a redirect URI), and unregisters it when they are emptied: the sign-in page shows the
 * button only while the service is there. A changed configuration replaces the client (sign-ins started with the old
 * one are refused as unknown, and start again).
 */
@Component(immediate = true, configurationPid = FranceConnectConfig.PID)
@Designate(ocd = FranceConnectConfig.class)
public class FranceConnectComponent {
    private static final Logger LOG = LoggerFactory.getLogger(FranceConnectComponent.class);

    private final BundleContext context;
    private ServiceRegistration<IdentityProvider> registration;

    @Activate
    public FranceConnectComponent(BundleContext context, FranceConnectConfig config) {
        this.context = context;
        apply(config);
    }

    @Modified
    void modified(FranceConnectConfig config) {
        apply(config);
    }

    @Deactivate
    synchronized void deactivate() {
        unregister();
    }

    private synchronized void apply(FranceConnectConfig config) {
        unregister();
        String missing = missing(config);
        if (missing != null) {
            LOG.info("Sign-in with FranceConnect is off ({} empty in etc/{}.cfg)", missing, FranceConnectConfig.PID);
            return;
        }
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("provider", "FRANCECONNECT");
        registration = context.registerService(IdentityProvider.class, new OidcClient(config), props);
        LOG.info("Sign-in with FranceConnect is on: provider {}, client {}", config.issuer(), config.client_id());
    }

    /** The first setting still empty, or null when the client can work. */
    static String missing(FranceConnectConfig c) {
        if (c.issuer().isBlank()) {
            return "issuer";
        }
        if (c.client_id().isBlank()) {
            return "client.id";
        }
        if (c.client_secret().isBlank()) {
            return "client.secret";
        }
        return c.redirect_uri().isBlank() ? "redirect.uri" : null;
    }

    private void unregister() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
            registration = null;
        }
    }
}
