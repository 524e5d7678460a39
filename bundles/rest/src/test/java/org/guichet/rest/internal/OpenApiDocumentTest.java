package org.guichet.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import org.guichet.api.accounts.Account;
import org.guichet.api.accounts.AccountState;
import org.guichet.api.accounts.Role;
import org.guichet.api.accounts.SessionGrant;
import org.guichet.api.activity.ActivityEvent;
import org.guichet.api.activity.Channel;
import org.guichet.api.dossiers.ChecklistItem;
import org.guichet.api.dossiers.Dossier;
import org.guichet.api.dossiers.DossierDocument;
import org.guichet.api.dossiers.DossierState;
import org.guichet.api.dossiers.DossierSummary;
import org.guichet.api.dossiers.EnrolmentOffer;
import org.guichet.api.dossiers.LiveEvaluation;
import org.guichet.api.dossiers.PersonRef;
import org.guichet.api.dossiers.Receipt;
import org.guichet.api.events.SchemeEvent;
import org.guichet.api.instruction.CaseFile;
import org.guichet.api.instruction.ComplementRequest;
import org.guichet.api.instruction.Decision;
import org.guichet.api.instruction.DecisionRequest;
import org.guichet.api.instruction.DocumentCheck;
import org.guichet.api.instruction.InternalNote;
import org.guichet.api.instruction.Payee;
import org.guichet.api.instruction.PhoneCall;
import org.guichet.api.instruction.Queue;
import org.guichet.api.instruction.QueueItem;
import org.guichet.api.instruction.Reevaluation;
import org.guichet.api.instruction.ThreadMessage;
import org.guichet.api.instruction.Workload;
import org.guichet.api.mandates.Mandate;
import org.guichet.api.partners.EnrolmentReport;
import org.guichet.api.partners.Organisation;
import org.guichet.api.partners.OrganisationCreated;
import org.guichet.api.partners.RowError;
import org.guichet.api.payments.AttendanceReport;
import org.guichet.api.payments.Payment;
import org.guichet.api.payments.PaymentBatch;
import org.guichet.api.scheme.Amount;
import org.guichet.api.scheme.AmountLine;
import org.guichet.api.scheme.AnswerError;
import org.guichet.api.scheme.Choice;
import org.guichet.api.scheme.DocumentDefinition;
import org.guichet.api.scheme.Evaluation;
import org.guichet.api.scheme.FieldDefinition;
import org.guichet.api.scheme.FieldType;
import org.guichet.api.scheme.Installment;
import org.guichet.api.scheme.LocalizedText;
import org.guichet.api.scheme.RequiredDocument;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.api.scheme.SchemeInfo;
import org.guichet.api.scheme.SchemeProblem;
import org.guichet.api.scheme.SchemeRef;
import org.guichet.api.scheme.SchemeState;
import org.guichet.api.scheme.TestCaseResult;
import org.junit.jupiter.api.Test;

/**
 * The hand-written openapi.yaml is checked here, so that it cannot drift from the code: it is valid OpenAPI 3 (as
 * swagger-parser reads it), every operation has an operationId and declares its security, no body is an untyped
 * object, it describes exactly the operations the JAX-RS resources declare, and each component schema has the
 * properties (names and JSON types) that Jackson writes or reads for the record behind it.
 */
class OpenApiDocumentTest {
    static final List<Class<?>> RESOURCES = List.of(HealthResource.class, SchemeResource.class, OpenApiResource.class,
            AccountResource.class, DossierResource.class, MandateResource.class, PartnerResource.class,
            InstructionResource.class, PaymentResource.class, SourceResource.class,
            ObservatoryResource.class,
            ImpactResource.class);

    /** Each component schema and the Java type whose JSON it describes. */
    static final Map<String, Class<?>> RECORDS = new LinkedHashMap<>();
    /** Component schemas with no single Java type behind them, and why. */
    static final Map<String, String> NOT_RECORDS = Map.of(
            "ErrorItem", "ApiError.errors holds AnswerErrors, RowErrors, SchemeProblems or maps: their union",
            "OpenApiDocument", "this document itself",
            "Answers", "a map of answers keyed by field name",
            "Enrolment", "a row of PartnerResource.Enrolments, a Map checked by the partner service",
            "AttendanceRow", "a row of PartnerResource.Attendance, a Map checked by the payment service",
            "DocumentUpload", "multipart/form-data parts read by DossierResource.upload",
            "SignedConsentUpload", "multipart/form-data parts read by MandateResource.signedConsent",
            "FileUpload", "multipart/form-data part read by PartnerResource.certificate");

    static {
        record(ApiError.class, HealthResource.Health.class, LocalizedText.class, SchemeState.class, SchemeInfo.class,
                SchemeProblem.class, TestCaseResult.class, SchemeDescriptor.class, org.guichet.api.scheme.StepDefinition.class, FieldType.class,
                FieldDefinition.class,
                Choice.class, DocumentDefinition.class, SchemeResource.SimulationRequest.class, Evaluation.class,
                SchemeRef.class, RequiredDocument.class, Amount.class, Installment.class, AmountLine.class,
                SchemeEvent.class, AccountResource.SignUp.class, AccountResource.Activation.class,
                AccountResource.EmailOnly.class, AccountResource.Credentials.class, AccountResource.CodeSignIn.class,
                AccountResource.PasswordReset.class, AccountResource.Accepted.class, Role.class, AccountState.class,
                Account.class, SessionGrant.class, AccountResource.NewOrganisation.class, Organisation.class,
                OrganisationCreated.class, AccountResource.Invitation.class, DossierState.class, Channel.class,
                PersonRef.class, DossierResource.NewDossier.class, DossierSummary.class, Dossier.class,
                DossierDocument.class, LiveEvaluation.class, AnswerError.class, ChecklistItem.class, Receipt.class,
                ActivityEvent.class, DossierResource.Withdrawal.class, DossierResource.Sharing.class,
                EnrolmentOffer.class, ThreadMessage.class, DossierResource.ComplementAnswer.class,
                ComplementRequest.class, Payee.class, Decision.class, Payment.class,
                MandateResource.MandateRequest.class, MandateResource.TokenAcceptance.class,
                MandateResource.CodeAcceptance.class, MandateResource.ConsentCheck.class, Mandate.class,
                PartnerResource.Enrolments.class, RowError.class, EnrolmentReport.class,
                PartnerResource.CertificateStored.class, PartnerResource.Attendance.class, AttendanceReport.class,
                Queue.class, QueueItem.class, Workload.class, CaseFile.class, DocumentCheck.class, InternalNote.class,
                PhoneCall.class, Reevaluation.class, InstructionResource.Assignment.class, DecisionRequest.class,
                InstructionResource.VersionChange.class, InstructionResource.Closing.class, InstructionResource.Rejection.class, AccountResource.PasswordChange.class,
                InstructionResource.NewCall.class, InstructionResource.EndCall.class, PaymentResource.Paid.class,
                PaymentBatch.class, AccountResource.Disabling.class, AccountResource.StaffRights.class,
                org.guichet.api.instruction.PendingDecision.class);
        // same shape, another name (the simple name is taken or says too little)
        RECORDS.put("SecondStep", SessionGrant.SecondStep.class);
        RECORDS.put("Ticket", AccountResource.Ticket.class);
        RECORDS.put("SecondFactorCode", AccountResource.SecondFactorCode.class);
        RECORDS.put("SecondFactorEnrolment", org.guichet.api.accounts.SecondFactorEnrolment.class);
        RECORDS.put("HealthCheck", HealthResource.Check.class);
        RECORDS.put("EvaluationReason", org.guichet.api.scheme.Reason.class);
        RECORDS.put("Reason", org.guichet.api.instruction.Reason.class);
        RECORDS.put("AnswersUpdate", DossierResource.Answers.class);
        RECORDS.put("MessageText", DossierResource.Text.class);
        RECORDS.put("DocumentCheckRequest", InstructionResource.Check.class);
        RECORDS.put("NewComplementRequest", InstructionResource.Complement.class);
        RECORDS.put("BatchIssue", PaymentResource.Issue.class);
        RECORDS.put("SourceRequest", SourceResource.SourceRequest.class);
        RECORDS.put("DeployedVersion", SchemeResource.DeployedVersion.class);
        // the observatory (issue 15)
        record(org.guichet.api.observatory.Summary.class, org.guichet.api.observatory.Summary.Step.class,
                org.guichet.api.observatory.Summary.Count.class, org.guichet.api.observatory.Summary.DocumentCount.class,
                org.guichet.api.observatory.Summary.Delay.class, org.guichet.api.observatory.Summary.OrganisationHelp.class,
                org.guichet.api.observatory.Summary.Assistance.class, org.guichet.api.observatory.Summary.Outcomes.class);
        record(ImpactResource.ImpactPeriod.class, ImpactResource.ImpactStatus.class, org.guichet.api.impact.ImpactRunState.class,
                org.guichet.api.impact.ImpactRun.class, org.guichet.api.impact.ImpactResults.class,
                org.guichet.api.impact.ImpactChange.class, org.guichet.api.impact.ImpactChanges.class);
        RECORDS.put("ImpactCount", org.guichet.api.impact.ImpactResults.Count.class);
        RECORDS.put("ImpactAmountBand", org.guichet.api.impact.ImpactResults.AmountBand.class);
        RECORDS.put("ImpactMonthTotal", org.guichet.api.impact.ImpactResults.MonthTotal.class);
    }

    private static void record(Class<?>... types) {
        for (Class<?> t : types) {
            RECORDS.put(t.getSimpleName(), t);
        }
    }

    static final OpenAPI API = parse();

    static OpenAPI parse() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(text(), null, options);
        assertEquals(List.of(), result.getMessages() == null ? List.of() : result.getMessages(),
                "swagger-parser has something to say about openapi.yaml");
        assertNotNull(result.getOpenAPI());
        return result.getOpenAPI();
    }

    static String text() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.DOCUMENT)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theDocumentIsValidOpenApi3() {
        JsonNode doc = OpenApiResource.load();
        assertTrue(doc.path("openapi").asText().startsWith("3.0."), doc.path("openapi").asText());
        assertEquals("/api/v1", API.getServers().get(0).getUrl());
        assertTrue(API.getPaths().size() > 50, "paths read: " + API.getPaths().size());
    }

    @Test
    void everyOperationIsDocumentedAndEveryDocumentedOperationExists() {
        Set<String> implemented = new TreeSet<>();
        for (Class<?> resource : RESOURCES) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method m : resource.getMethods()) {
                String verb = verb(m);
                if (verb != null) {
                    Path p = m.getAnnotation(Path.class);
                    implemented.add(verb + " " + join(base, p == null ? "" : p.value()));
                }
            }
        }
        assertEquals(implemented, new TreeSet<>(operations().keySet()));
    }

    @Test
    void everyOperationHasAnOperationIdAndSaysItsSecurity() {
        Set<String> ids = new HashSet<>();
        Set<String> schemes = API.getComponents().getSecuritySchemes().keySet();
        operations().forEach((where, op) -> {
            assertNotNull(op.getOperationId(), where + ": no operationId");
            assertTrue(op.getOperationId().matches("[a-z][A-Za-z0-9]*"), where + ": " + op.getOperationId());
            assertTrue(ids.add(op.getOperationId()), where + ": operationId used twice: " + op.getOperationId());
            assertNotNull(op.getSecurity(), where + ": no security (say `security: []` for a public operation)");
            op.getSecurity().forEach(requirement -> assertTrue(schemes.containsAll(requirement.keySet()),
                    where + ": unknown security scheme in " + requirement));
            assertNotNull(op.getTags(), where + ": no tag");
            assertTrue(op.getResponses().keySet().stream().anyMatch(s -> s.startsWith("2")), where + ": no 2xx");
        });
    }

    /** A body whose schema is {type: object} and nothing else tells a client nothing: each must be described. */
    @Test
    void noBodyIsAnUntypedObject() {
        List<String> untyped = new ArrayList<>();
        operations().forEach((where, op) -> {
            RequestBody body = op.getRequestBody();
            if (body != null) {
                untyped(where + " request", body.getContent(), untyped);
            }
            op.getResponses().forEach((status, response) -> untyped(where + " " + status, resolve(response).getContent(),
                    untyped));
        });
        API.getComponents().getSchemas().forEach((name, schema) -> untyped("#/components/schemas/" + name, schema,
                new HashSet<>(), untyped));
        assertEquals(List.of(), untyped);
    }

    @Test
    void everyComponentSchemaIsARecordOrSaysWhyNot() {
        Set<String> unclassified = new TreeSet<>(API.getComponents().getSchemas().keySet());
        unclassified.removeAll(RECORDS.keySet());
        unclassified.removeAll(NOT_RECORDS.keySet());
        assertEquals(Set.of(), unclassified, "add them to RECORDS (with their Java type) or NOT_RECORDS (with why)");
        Set<String> stale = new TreeSet<>(RECORDS.keySet());
        stale.addAll(NOT_RECORDS.keySet());
        stale.removeAll(API.getComponents().getSchemas().keySet());
        assertEquals(Set.of(), stale, "no longer in openapi.yaml");
    }

    /** What the API writes is what the schema says: the same property names, each of a matching JSON type. */
    @Test
    void eachRecordSchemaHasTheJsonPropertiesOfItsRecord() {
        ObjectMapper mapper = ApiServer.objectMapper();
        List<String> problems = new ArrayList<>();
        RECORDS.forEach((name, type) -> {
            Schema<?> schema = API.getComponents().getSchemas().get(name);
            if (schema == null) {
                return;
            }
            String where = "#/components/schemas/" + name;
            JavaType javaType = mapper.constructType(type);
            if (type.isEnum()) {
                check(javaType, schema, where, problems);
                return;
            }
            BeanDescription bean = mapper.getSerializationConfig().introspect(javaType);
            Map<String, JavaType> json = new LinkedHashMap<>();
            for (BeanPropertyDefinition p : bean.findProperties()) {
                if (p.couldSerialize()) {
                    json.put(p.getName(), p.getPrimaryType());
                }
            }
            Map<String, Schema> documented = properties(schema);
            if (!json.keySet().equals(documented.keySet())) {
                problems.add(where + ": properties " + documented.keySet() + " but " + type.getName() + " has "
                        + json.keySet());
                return;
            }
            json.forEach((property, t) -> check(t, documented.get(property), where + "/" + property, problems));
        });
        assertEquals(List.of(), problems);
    }

    // ---- the operations, as the document has them

    private static Map<String, Operation> operations() {
        Map<String, Operation> all = new LinkedHashMap<>();
        API.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) ->
                all.put(method.name().toUpperCase(Locale.ROOT) + " " + path, op)));
        return all;
    }

    private static ApiResponse resolve(ApiResponse r) {
        if (r.get$ref() == null) {
            return r;
        }
        return API.getComponents().getResponses().get(r.get$ref().substring(r.get$ref().lastIndexOf('/') + 1));
    }

    private static Schema<?> resolve(Schema<?> s) {
        while (s != null) {
            if (s.get$ref() != null) {
                String name = s.get$ref().substring(s.get$ref().lastIndexOf('/') + 1);
                s = API.getComponents().getSchemas().get(name);
                assertNotNull(s, "no schema " + name);
            } else if (s.getAllOf() != null && s.getAllOf().size() == 1 && s.getProperties() == null) {
                s = s.getAllOf().get(0);
            } else {
                return s;
            }
        }
        return null;
    }

    private static String refName(Schema<?> s) {
        if (s.get$ref() != null) {
            return s.get$ref().substring(s.get$ref().lastIndexOf('/') + 1);
        }
        return s.getAllOf() != null && s.getAllOf().size() == 1 ? refName(s.getAllOf().get(0)) : null;
    }

    @SuppressWarnings("rawtypes")
    private static Map<String, Schema> properties(Schema<?> schema) {
        Schema<?> s = resolve(schema);
        return s.getProperties() == null ? Map.of() : s.getProperties();
    }

    private static void untyped(String where, Content content, List<String> untyped) {
        if (content != null) {
            content.forEach((mediaType, m) -> untyped(where + " " + mediaType, m.getSchema(), new HashSet<>(), untyped));
        }
    }

    private static void untyped(String where, Schema<?> schema, Set<Schema<?>> seen, List<String> untyped) {
        if (schema == null) {
            untyped.add(where + ": no schema");
            return;
        }
        Schema<?> s = resolve(schema);
        if (!seen.add(s)) {
            return;
        }
        if (s.getItems() != null) {
            untyped(where + "[]", s.getItems(), seen, untyped);
        }
        boolean composed = s.getAllOf() != null || s.getOneOf() != null || s.getAnyOf() != null;
        if (("object".equals(s.getType()) || s.getType() == null && !composed && s.getEnum() == null)
                && (s.getProperties() == null || s.getProperties().isEmpty())
                && s.getAdditionalProperties() == null && !composed) {
            untyped.add(where + ": an object with neither properties nor additionalProperties");
        }
        if (s.getProperties() != null) {
            s.getProperties().forEach((name, p) -> untyped(where + "." + name, p, seen, untyped));
        }
        if (s.getAdditionalProperties() instanceof Schema<?> values) {
            untyped(where + ".*", values, seen, untyped);
        }
    }

    // ---- a Java type against its schema

    private static void check(JavaType t, Schema<?> schema, String where, List<String> problems) {
        Class<?> raw = t.getRawClass();
        String ref = refName(schema);
        Schema<?> s = resolve(schema);
        if (raw == Object.class) {
            return; // anything goes, e.g. ApiError.errors items or answers' values
        }
        if (RECORDS.containsValue(raw) && !raw.isEnum()) {
            if (ref == null || RECORDS.get(ref) != raw) {
                problems.add(where + ": " + raw.getName() + " should be $ref to its own schema, is " + ref);
            }
            return;
        }
        if (raw.isEnum()) {
            List<String> constants = Arrays.stream(raw.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
            List<String> documented = s.getEnum() == null ? List.of()
                    : s.getEnum().stream().map(String::valueOf).collect(Collectors.toList());
            expect(where, "string", null, s, problems);
            if (!documented.equals(constants)) {
                problems.add(where + ": enum " + documented + " but " + raw.getSimpleName() + " has " + constants);
            }
        } else if (raw == String.class) {
            expect(where, "string", null, s, problems);
        } else if (raw == long.class || raw == Long.class) {
            expect(where, "integer", "int64", s, problems);
        } else if (raw == int.class || raw == Integer.class) {
            expect(where, "integer", "int32", s, problems);
        } else if (raw == boolean.class || raw == Boolean.class) {
            expect(where, "boolean", null, s, problems);
        } else if (raw == BigDecimal.class) {
            expect(where, "number", null, s, problems);
        } else if (raw == double.class || raw == Double.class) {
            expect(where, "number", "double", s, problems);
        } else if (raw == Instant.class) {
            expect(where, "string", "date-time", s, problems);
        } else if (raw == LocalDate.class) {
            expect(where, "string", "date", s, problems);
        } else if (Collection.class.isAssignableFrom(raw)) {
            expect(where, "array", null, s, problems);
            if (s.getItems() != null) {
                check(t.getContentType(), s.getItems(), where + "[]", problems);
            }
            if (Set.class.isAssignableFrom(raw) && !Boolean.TRUE.equals(s.getUniqueItems())) {
                problems.add(where + ": a Set, so uniqueItems: true");
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            expect(where, "object", null, s, problems);
            if (s.getAdditionalProperties() instanceof Schema<?> values) {
                check(t.getContentType(), values, where + ".*", problems);
            } else if (t.getContentType().getRawClass() != Object.class && s.getProperties() == null) {
                problems.add(where + ": a map of " + t.getContentType() + ", say it in additionalProperties");
            }
        } else {
            problems.add(where + ": no schema for " + raw.getName() + " (add it to RECORDS)");
        }
    }

    private static void expect(String where, String type, String format, Schema<?> s, List<String> problems) {
        if (!type.equals(s.getType())) {
            problems.add(where + ": type " + s.getType() + ", should be " + type);
        } else if (format != null && !format.equals(s.getFormat())) {
            problems.add(where + ": format " + s.getFormat() + ", should be " + format);
        }
    }

    private static String verb(Method m) {
        List<String> verbs = new ArrayList<>();
        if (m.isAnnotationPresent(GET.class)) verbs.add("GET");
        if (m.isAnnotationPresent(POST.class)) verbs.add("POST");
        if (m.isAnnotationPresent(PUT.class)) verbs.add("PUT");
        if (m.isAnnotationPresent(PATCH.class)) verbs.add("PATCH");
        if (m.isAnnotationPresent(DELETE.class)) verbs.add("DELETE");
        return verbs.isEmpty() ? null : verbs.get(0);
    }

    private static String join(String base, String sub) {
        String path = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
