package org.guichet.dossiers.internal.accounts;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.persistence.EntityManager;
import org.guichet.api.accounts.Account;
import org.guichet.api.accounts.AccountState;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.dossiers.PersonRef;
import org.guichet.api.error.GuichetException;
import org.guichet.dossiers.internal.jpa.AccountEntity;

/** Conversions and lookups shared by the services of this bundle. */
public final class AccountViews {
    private AccountViews() { }

    public static Account view(AccountEntity a) {
        return new Account(a.id, a.email, a.displayName, AccountState.valueOf(a.state), roles(a), a.organisationId,
                schemes(a), a.createdAt.toInstant(), a.language);
    }

    /** The language of an account's mails and letters ({@code fr} when there is no such account). */
    public static String language(EntityManager em, Long id) {
        AccountEntity a = id == null ? null : em.find(AccountEntity.class, id);
        return a == null ? "fr" : Account.language(a.language);
    }

    public static Caller caller(AccountEntity a) {
        return new Caller(a.id, a.email, a.displayName, roles(a), a.organisationId, schemes(a));
    }

    public static PersonRef person(AccountEntity a) {
        return a == null ? null : new PersonRef(a.id, a.displayName, a.email);
    }

    public static PersonRef person(EntityManager em, Long id) {
        return id == null ? null : person(em.find(AccountEntity.class, id));
    }

    public static Set<Role> roles(AccountEntity a) {
        Set<Role> out = EnumSet.noneOf(Role.class);
        for (String r : a.roles.split(",")) {
            if (!r.isBlank()) {
                out.add(Role.valueOf(r.strip()));
            }
        }
        return out;
    }

    public static String rolesColumn(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }

    public static Set<String> schemes(AccountEntity a) {
        if (a.schemes == null || a.schemes.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(a.schemes.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    public static AccountEntity byEmail(EntityManager em, String normalisedEmail) {
        return em.createQuery("select a from AccountEntity a where a.email = :e", AccountEntity.class)
                .setParameter("e", normalisedEmail).getResultStream().findFirst().orElse(null);
    }

    /**
     * Lower-cases and checks an address. Deliberately simple: one @, something on each side, a dot in the domain,
     * no spaces; the activation mail is the real test.
     */
    public static String normaliseEmail(String email, String field) {
        String e = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        int at = e.indexOf('@');
        if (e.isEmpty()) {
            throw GuichetException.invalid("EMAIL_REQUIRED", field, "Indiquez une adresse électronique.");
        }
        if (e.length() > 254 || at < 1 || at != e.lastIndexOf('@') || e.indexOf('.', at) < at + 2 || e.endsWith(".")
                || e.chars().anyMatch(c -> Character.isWhitespace(c) || c < 32 || c == ',' || c == ';' || c == '<' || c == '>')) {
            throw GuichetException.invalid("EMAIL_INVALID", field,
                    "Cette adresse électronique n'a pas la bonne forme (exemple : prenom.nom@exemple.fr).");
        }
        return e;
    }

    public static String displayName(String name, String email) {
        String n = name == null ? "" : name.strip().replaceAll("[\\p{Cntrl}]", "");
        if (n.isEmpty()) {
            n = email.substring(0, email.indexOf('@'));
        }
        if (n.length() > 200) {
            throw GuichetException.invalid("NAME_TOO_LONG", "displayName", "Le nom doit tenir en 200 caractères.");
        }
        return n;
    }
}
