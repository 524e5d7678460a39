package org.guichet.api.mail;

/** A message could not be written or sent; nothing was delivered. */
public class MailException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MailException(String message, Throwable cause) {
        super(message, cause);
    }
}
