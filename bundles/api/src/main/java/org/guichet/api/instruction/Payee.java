package org.guichet.api.instruction;

/** Who receives the money: the applicant or the driving school, by IBAN (BIC optional within SEPA). */
public record Payee(String name, String iban, String bic) { }
