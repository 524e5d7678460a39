package org.guichet.mail.internal;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.guichet.api.mail.MailService;
import org.guichet.api.mail.OutgoingMail;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The portal's MailService, configured live by etc/org.guichet.mail.cfg. */
@Component(configurationPid = "org.guichet.mail")
@Designate(ocd = MailComponent.Config.class)
public class MailComponent implements MailService {
    private static final Logger LOG = LoggerFactory.getLogger(MailComponent.class);

    @ObjectClassDefinition(name = "Guichet mail")
    public @interface Config {
        @AttributeDefinition(description = "Sender shown to people")
        String from() default "Guichet <ne-pas-repondre@guichet.invalid>";

        @AttributeDefinition(description = "Folder of the .eml files when no SMTP host is set (default: <data>/guichet/mail)")
        String outbox() default "";

        @AttributeDefinition(description = "SMTP host; empty: no mail leaves the machine, every message is an .eml file")
        String smtp_host() default "";

        int smtp_port() default 587;

        String smtp_user() default "";

        @AttributeDefinition(type = AttributeType.PASSWORD)
        String smtp_password() default "";

        @AttributeDefinition(description = "STARTTLS required (the message is not sent in clear); false only for a"
                + " test server without TLS")
        boolean smtp_starttls() default true;

        @AttributeDefinition(description = "The server certificate must name smtp.host; false only for a test server")
        boolean smtp_checkserveridentity() default true;
    }

    private final BundleContext context;
    private volatile MailWriter writer;

    @Activate
    public MailComponent(BundleContext context, Config config) {
        this.context = context;
        modified(config);
    }

    @Modified
    void modified(Config config) {
        Path outbox = config.outbox().isBlank()
                ? Paths.get(dataFolder(context), "guichet", "mail")
                : Paths.get(config.outbox());
        MailSettings settings = new MailSettings(config.from(), outbox, config.smtp_host(), config.smtp_port(),
                config.smtp_user(), config.smtp_password(), config.smtp_starttls(), config.smtp_checkserveridentity());
        writer = new MailWriter(settings);
        LOG.info("Mail: {}", settings.smtp() ? "SMTP via " + settings.smtpHost() + ":" + settings.smtpPort()
                : ".eml files in " + outbox.toAbsolutePath());
        if (settings.smtp() && (!settings.smtpStartTls() || !settings.smtpCheckIdentity())) {
            LOG.warn("Mail: SMTP without {} (etc/org.guichet.mail.cfg): for a test server only",
                    !settings.smtpStartTls() ? "STARTTLS" : "the server identity check");
        }
    }

    private static String dataFolder(BundleContext context) {
        String data = context.getProperty("karaf.data");
        return data != null ? data : "data";
    }

    @Override
    public String send(OutgoingMail mail) {
        String where = writer.send(mail);
        LOG.info("Mail {} to {}: {}", mail.topic(), MailWriter.masked(mail.to()), where);
        return where;
    }
}
