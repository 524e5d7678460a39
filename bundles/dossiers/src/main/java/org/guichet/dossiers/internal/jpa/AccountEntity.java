package org.guichet.dossiers.internal.jpa;

import java.sql.Timestamp;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

@Entity
@Table(name = "ACCOUNT")
public class AccountEntity {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) @Column(name = "ID") public Long id;
    /** lower-cased */
    @Column(name = "EMAIL") public String email;
    @Column(name = "DISPLAY_NAME") public String displayName;
    /** PHC string ($argon2id$…), null until the person chooses one */
    @Column(name = "PASSWORD_HASH") public String passwordHash;
    @Column(name = "STATE") public String state;
    /** comma-separated Role names */
    @Column(name = "ROLES") public String roles;
    @Column(name = "ORGANISATION_ID") public Long organisationId;
    /** comma-separated scheme ids an agent instructs */
    @Column(name = "SCHEMES") public String schemes;
    @Column(name = "FAILED_SIGN_INS") public int failedSignIns;
    @Column(name = "LOCKED_UNTIL") public Timestamp lockedUntil;
    @Column(name = "CREATED_AT") public Timestamp createdAt;
    @Column(name = "ACTIVATED_AT") public Timestamp activatedAt;
    /** the language of the person's mails and letters: fr or en (V6) */
    @Column(name = "LANGUAGE_CODE") public String language = "fr";
    /** what an identity provider vouched for (V12), null for accounts never signed in that way */
    @Column(name = "GIVEN_NAMES") public String givenNames;
    @Column(name = "FAMILY_NAME") public String familyName;
    @Column(name = "BIRTH_DATE") public java.sql.Date birthDate;
    @Column(name = "IDENTITY_PROVIDER") public String identityProvider;
    @Column(name = "IDENTITY_ACR") public String identityAcr;
    @Column(name = "IDENTITY_VERIFIED_AT") public Timestamp identityVerifiedAt;
    @Version @Column(name = "VERSION") public long version;
}
