package org.guichet.rules.engine.drl;

import org.guichet.api.scheme.FieldDefinition;
import org.guichet.api.scheme.FieldType;
import org.guichet.rules.engine.descriptor.SchemeModel;

/**
 * Generates the DRL type of the answers from the descriptor: {@code declare Answers} with one typed property per
 * field. Rules therefore cannot refer to a field the form does not ask for: Drools rejects it with file and line.
 */
public final class AnswersDeclaration {
    /** The name of the generated file in the KieFileSystem; problems in it are descriptor problems. */
    public static final String FILE_NAME = "guichet-generated-Answers.drl";
    public static final String TYPE = "Answers";

    private AnswersDeclaration() { }

    public static String generate(SchemeModel model) {
        StringBuilder drl = new StringBuilder();
        drl.append("package ").append(model.packageName()).append(";\n\n");
        drl.append("// generated from scheme.yaml ").append(model.descriptor().id()).append(' ')
                .append(model.descriptor().version()).append("\n");
        drl.append("declare ").append(TYPE).append("\n");
        for (FieldDefinition f : model.descriptor().fields()) {
            drl.append("    ").append(f.name()).append(" : ").append(javaType(f.type()).getName()).append('\n');
        }
        drl.append("end\n");
        return drl.toString();
    }

    /** The Java type of an answer in rules. INTEGER is Long so that any whole number of euros fits. */
    public static Class<?> javaType(FieldType type) {
        return switch (type) {
            case DATE -> java.time.LocalDate.class;
            case INTEGER -> Long.class;
            case DECIMAL -> java.math.BigDecimal.class;
            case BOOLEAN -> Boolean.class;
            case CHOICE, TEXT -> String.class;
        };
    }
}
