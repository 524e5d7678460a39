package org.guichet.rules.engine.answers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.guichet.api.scheme.AnswerError;
import org.guichet.api.scheme.FieldDefinition;
import org.guichet.api.scheme.InvalidAnswersException;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.api.scheme.SchemeProblem;
import org.guichet.rules.engine.descriptor.DescriptorReader;

/**
 * Fuzzing the answer checking that every evaluation goes through (docs/fuzzing.md). Contract: whatever the answers,
 * {@link AnswerValidator#validate} returns typed answers or throws {@link InvalidAnswersException} with one error per
 * bad field (a field, a code, a message) — never another exception, and quickly (no huge number expanded).
 */
public class AnswerValidatorFuzzTest {
    /** The test scheme of this module: every field type, min/max, minExclusive, requiredWhen, after. */
    public static final SchemeDescriptor DESCRIPTOR = descriptor();
    private static final AnswerValidator VALIDATOR = new AnswerValidator(DESCRIPTOR);
    /** As the REST API decodes a request body (ApiServer.objectMapper). */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final long SLOW_NANOS = 10_000_000_000L;

    private static SchemeDescriptor descriptor() {
        try (InputStream in = AnswerValidatorFuzzTest.class.getClassLoader()
                .getResourceAsStream("schemes/mini/scheme.yaml")) {
            List<SchemeProblem> problems = new ArrayList<>();
            SchemeDescriptor d = DescriptorReader.read(in.readAllBytes(), problems).descriptor();
            assertTrue(problems.isEmpty(), problems.toString());
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The answers of a request body: JSON as the API decodes it (numbers of any size, nested values, null). */
    @FuzzTest(maxDuration = "3m")
    void jsonAnswers(byte[] body) {
        Map<String, Object> answers;
        try {
            answers = JSON.readerForMapOf(Object.class).readValue(body);
        } catch (IOException e) {
            return; // not a JSON object: the API answers 400 before the validator is called
        }
        checkContract(answers);
    }

    /** Answers typed as Java values (web forms give strings; test packs give Long, BigDecimal, Boolean, null). */
    @FuzzTest(maxDuration = "3m")
    void typedAnswers(FuzzedDataProvider data) {
        Map<String, Object> answers = new LinkedHashMap<>();
        List<FieldDefinition> fields = DESCRIPTOR.fields();
        int count = data.consumeInt(0, fields.size() + 2);
        for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
            String name = data.consumeBoolean() ? fields.get(data.consumeInt(0, fields.size() - 1)).name()
                    : data.consumeString(20);
            answers.put(name, value(data));
        }
        checkContract(answers);
    }

    private static Object value(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 9)) {
            case 0 -> null;
            case 1 -> data.consumeBoolean();
            case 2 -> data.consumeLong();
            case 3 -> data.consumeInt();
            case 4 -> data.consumeDouble();
            case 5 -> bigInteger(data.consumeBytes(40));
            case 6 -> decimal(data.consumeString(40));
            case 7 -> LocalDate.ofEpochDay(data.consumeLong(-365_000_000L, 365_000_000L));
            case 8 -> List.of(data.consumeString(10));
            default -> data.consumeString(60);
        };
    }

    private static BigInteger bigInteger(byte[] bytes) {
        return bytes.length == 0 ? BigInteger.ZERO : new BigInteger(bytes);
    }

    private static Object decimal(String s) {
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            return s;
        }
    }

    public static void checkContract(Map<String, Object> answers) {
        long start = System.nanoTime();
        try {
            Map<String, Object> typed = VALIDATOR.validate(answers, Locale.FRENCH);
            assertNotNull(typed);
        } catch (InvalidAnswersException e) {
            assertFalse(e.errors().isEmpty());
            for (AnswerError error : e.errors()) {
                assertNotNull(error.field());
                assertNotNull(error.code());
                assertNotNull(error.message());
            }
        }
        long took = System.nanoTime() - start;
        assertTrue(took < SLOW_NANOS, "validation took " + took / 1_000_000 + " ms");
    }
}
