package org.guichet.api.accounts;

/**
 * A TOTP secret (RFC 6238: HMAC-SHA1, 6 digits, 30 seconds) proposed to a staff member who enrols: she adds it to
 * her authenticator app by the QR code of {@code otpauthUri} or by typing {@code secret}, then confirms with a first
 * code. Until then nothing is stored on her account.
 *
 * @param secret        base32 (RFC 4648), as authenticator apps take it
 * @param grouped       the same, by groups of four, easier to type
 * @param otpauthUri    {@code otpauth://totp/Guichet:<address>?secret=…&issuer=Guichet…}, for the QR code
 * @since 2.2
 */
public record SecondFactorEnrolment(String secret, String grouped, String otpauthUri, String accountName) { }
