package org.guichet.api.mail;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Sends mail: through SMTP when it is configured (etc/org.guichet.mail.cfg), else writes each message as an .eml
 * file under the data folder, where a person or a test can open it.
 */
@ProviderType
public interface MailService {
    /**
     * @return where the message went: the .eml file's path, or the SMTP Message-ID
     * @throws MailException when it could not be written or handed to the SMTP server
     */
    String send(OutgoingMail mail);
}
