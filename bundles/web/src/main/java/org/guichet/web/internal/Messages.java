package org.guichet.web.internal;

import java.util.Locale;
import java.util.Map;
import org.guichet.api.error.GuichetException;

/**
 * The services write their refusals in plain French; on a page shown in English, the refusal is told in English by
 * its stable code. A code this table does not know keeps its French words rather than saying nothing.
 */
final class Messages {
    private static final Map<String, String> EN = Map.ofEntries(
            Map.entry("EMAIL_REQUIRED", "Enter an email address."),
            Map.entry("EMAIL_INVALID", "This email address is not in the right form (example: first.last@example.org)."),
            Map.entry("NAME_TOO_LONG", "The name must fit in 200 characters."),
            Map.entry("PASSWORD_TOO_SHORT", "The password must have at least 12 characters. An easy-to-remember sentence"
                    + " is fine, for example four words separated by spaces."),
            Map.entry("PASSWORD_TOO_LONG", "The password must have at most 128 characters."),
            Map.entry("PASSWORD_COMMON", "This password is among the most used ones: choose another."),
            Map.entry("PASSWORD_GUESSABLE", "This password would be too easy to guess (common word, keyboard run, date,"
                    + " or your name or address). Add words that have nothing to do with each other."),
            Map.entry("PASSWORD_REQUIRED", "Choose a password."),
            Map.entry("ACCOUNT_EXISTS", "An account already exists with this address. Sign in, or ask for a sign-in code"
                    + " or a new password."),
            Map.entry("ACCOUNT_NOT_ACTIVATED", "Your address is not confirmed yet: open the link sent by email, or sign in"
                    + " with a code sent by email."),
            Map.entry("ACCOUNT_DISABLED", "This account is disabled. Call the Region's aid service."),
            Map.entry("INVALID_CREDENTIALS", "Wrong address or password. You can also sign in with a code sent by email."),
            Map.entry("ACCOUNT_LOCKED", "Too many password attempts: password sign-in is blocked for a while. You can"
                    + " sign in right away with a code sent by email."),
            Map.entry("INVALID_CODE", "This code is not the right one, or it is no longer valid. You can ask for a new"
                    + " code."),
            Map.entry("LINK_INVALID", "This link is no longer valid (already used or too old). You can ask for a new one,"
                    + " or sign in with a code sent by email."),
            Map.entry("TOKEN_REQUIRED", "The link is incomplete."),
            Map.entry("FILE_TOO_LARGE", "This file is too large. For a photo, choose a smaller size; for a PDF, save it"
                    + " in \"screen\" quality."),
            Map.entry("FILE_TYPE_REFUSED", "This file is not accepted: its content is not a PDF, JPEG or PNG (the content"
                    + " counts, not the file name). Take a photo or save the document as PDF."),
            Map.entry("FILE_EMPTY", "The file is empty."),
            Map.entry("UNKNOWN_DOCUMENT_TYPE", "This document is not asked for this aid."),
            Map.entry("NOT_REQUESTED", "The agent did not ask for this. Write them a message if it must change."),
            Map.entry("DOSSIER_NOT_DRAFT", "This application has been sent already: it can no longer be changed, except to"
                    + " give what the agent asks."),
            Map.entry("DOSSIER_NOT_FOUND", "This application does not exist, or you have no access to it."),
            Map.entry("DOSSIER_WITHDRAWN", "This application was withdrawn: it can no longer be changed. You can apply"
                    + " again."),
            Map.entry("DOSSIER_CLOSED", "This file is closed: it can no longer be changed. You can apply again."),
            Map.entry("DOCUMENT_NOT_FOUND", "This document does not exist in this application."),
            Map.entry("SCHEME_UNAVAILABLE", "This aid is temporarily unavailable. Your answers are saved; try again later."),
            Map.entry("SCHEME_NOT_FOUND", "This aid does not exist."),
            Map.entry("FILED_BY_MEDIATOR", "This aid is applied for with your counsellor (Mission locale): they file the"
                    + " application with you."),
            Map.entry("MANDATE_REQUIRED", "You have no mandate from this person: ask for their agreement first."),
            Map.entry("MANDATE_EXISTS", "This person has already given you a mandate."),
            Map.entry("NOT_AN_APPLICANT", "This address is not an applicant's."),
            Map.entry("APPLICANT_ONLY", "Only an applicant starts an application for themselves."),
            Map.entry("COMPLEMENT_INCOMPLETE", "What the agent asked for is still missing."),
            Map.entry("COMPLEMENT_NOT_OPEN", "This request is already closed."),
            Map.entry("EDIT_CONFLICT", "Someone else has just changed this file. Reload it: your last changes were not"
                    + " saved, so as not to erase theirs."),
            Map.entry("TEXT_REQUIRED", "This text cannot be empty."),
            Map.entry("TOO_LONG", "This text is too long."),
            Map.entry("MEDIATOR_ONLY", "Only a mediator (training organisation, Mission locale) can ask for a mandate."));

    private Messages() { }

    static String of(Locale locale, GuichetException e) {
        if (!"en".equals(locale.getLanguage())) {
            return e.getMessage();
        }
        return EN.getOrDefault(e.code(), e.getMessage());
    }
}
