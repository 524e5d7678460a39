package org.guichet.api.scheme;

/**
 * A step of the form: a group of questions shown on one page, with its title.
 *
 * @param id    the step's id, named by each of its questions ({@link FieldDefinition#step()})
 * @param title the step's title ("Votre formation"); null only for a step the scheme does not declare (see
 *              {@link SchemeDescriptor#formSteps()})
 * @param intro a short text shown under the title, or null
 */
public record StepDefinition(String id, LocalizedText title, LocalizedText intro) { }
