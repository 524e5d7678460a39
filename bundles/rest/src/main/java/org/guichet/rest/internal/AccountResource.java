package org.guichet.rest.internal;


import java.util.Set;
import java.util.function.Supplier;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.guichet.api.accounts.Account;
import org.guichet.api.accounts.AccountService;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.accounts.SecondFactorEnrolment;
import org.guichet.api.accounts.SessionGrant;
import org.guichet.api.error.GuichetException;
import org.guichet.api.partners.Organisation;
import org.guichet.api.partners.OrganisationCreated;
import org.guichet.api.partners.PartnerService;

/** Accounts, sessions (password or mailed code), password reset; admin: organisations and staff accounts. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {
    private final Supplier<AccountService> accounts;
    private final Supplier<PartnerService> partners;
    private final Authenticator auth;

    AccountResource(Supplier<AccountService> accounts, Supplier<PartnerService> partners, Authenticator auth) {
        this.accounts = accounts;
        this.partners = partners;
        this.auth = auth;
    }

    /** @param language fr or en (optional, French by default): the language of her mails and letters */
    public record SignUp(String email, String password, String displayName, String language) { }

    public record Activation(String token, String password) { }

    public record EmailOnly(String email) { }

    public record Credentials(String email, String password) { }

    public record CodeSignIn(String email, String code) { }

    public record PasswordReset(String token, String password) { }

    /** A signed-in person's new password, with her current one again. */
    public record PasswordChange(String currentPassword, String newPassword) { }

    /** The ticket of a second step (from the answer of a staff sign-in). */
    public record Ticket(String ticket) { }

    /** The second factor: a TOTP code (6 digits) or a recovery code, with the ticket. */
    public record SecondFactorCode(String ticket, String code) { }

    public record NewOrganisation(String name, String kind) { }

    public record Invitation(String email, String displayName, Role role, Long organisationId, Set<String> schemes) { }

    /** Why an admin disables an account (kept in the activity record). */
    public record Disabling(String reason) { }

    /** A staff account's new roles (AGENT, SUPERVISOR, ADMIN) and the schemes it instructs. */
    public record StaffRights(Set<Role> roles, Set<String> schemes) { }

    /** What a request about a mailbox answers, whether or not it has an account. */
    public record Accepted(String status, String message) { }

    @POST
    @Path("accounts")
    public Response signUp(SignUp body) {
        SignUp b = body(body);
        // answered alike whether or not the address has an account: only its owner learns, by mail
        service().applyForAccount(b.email(), b.password(), b.displayName(), b.language());
        return Response.accepted(new Accepted("CHECK_YOUR_MAILBOX", "Un courriel vient d'être envoyé à cette adresse :"
                + " ouvrez le lien qu'il contient pour continuer.")).build();
    }

    @POST
    @Path("accounts/activation")
    public Account activate(Activation body) {
        Activation b = body(body);
        return service().activate(b.token(), b.password());
    }

    @GET
    @Path("accounts/me")
    public Account me(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return service().me(auth.caller(authorization));
    }

    @POST
    @Path("accounts/me/password")
    public Response changePassword(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, PasswordChange body) {
        auth.caller(authorization); // 401 first, like every signed-in call
        PasswordChange b = body(body);
        service().changePassword(Authenticator.credential(authorization, "bearer"), b.currentPassword(),
                b.newPassword());
        return Response.noContent().build();
    }

    @POST
    @Path("accounts/password-reset")
    public Response requestReset(EmailOnly body) {
        service().requestPasswordReset(body(body).email());
        return Response.accepted(new Accepted("SENT_IF_ACCOUNT", "Si un compte existe avec cette adresse, un lien pour"
                + " choisir un nouveau mot de passe vient d'y être envoyé.")).build();
    }

    @POST
    @Path("accounts/password-reset/confirmation")
    public Response reset(PasswordReset body) {
        PasswordReset b = body(body);
        service().resetPassword(b.token(), b.password());
        return Response.noContent().build();
    }

    @POST
    @Path("sessions")
    public Response signIn(Credentials body) {
        Credentials b = body(body);
        return granted(service().signIn(b.email(), b.password()));
    }

    /** 201 with a session; 200 with a second step (no session yet) for staff who must give a second factor. */
    private static Response granted(SessionGrant g) {
        return Response.status(g.secondStep() == null ? 201 : 200).entity(g).build();
    }

    @POST
    @Path("sessions/second-factor/enrolment")
    public SecondFactorEnrolment enrolment(Ticket body) {
        return service().secondFactorEnrolment(body(body).ticket());
    }

    @POST
    @Path("sessions/second-factor")
    public Response secondFactor(SecondFactorCode body) {
        SecondFactorCode b = body(body);
        return Response.status(201).entity(service().verifySecondFactor(b.ticket(), b.code())).build();
    }

    @POST
    @Path("admin/accounts/{id}/second-factor-reset")
    public Account resetSecondFactor(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("id") long id) {
        return service().resetSecondFactor(auth.caller(authorization), id);
    }

    @POST
    @Path("sessions/code-requests")
    public Response requestCode(EmailOnly body) {
        service().sendSignInCode(body(body).email());
        return Response.accepted(new Accepted("SENT_IF_ACCOUNT", "Si un compte existe avec cette adresse, un code de"
                + " connexion vient d'y être envoyé.")).build();
    }

    @POST
    @Path("sessions/code")
    public Response signInWithCode(CodeSignIn body) {
        CodeSignIn b = body(body);
        return granted(service().signInWithCode(b.email(), b.code()));
    }

    @DELETE
    @Path("sessions/current")
    public Response signOut(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        service().signOut(Authenticator.credential(authorization, "bearer"));
        return Response.noContent().build();
    }

    @GET
    @Path("organisations")
    public java.util.List<Organisation> organisations(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Caller c = auth.caller(authorization);
        return Services.require(partners.get()).organisations(c);
    }

    @POST
    @Path("admin/organisations")
    public Response createOrganisation(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            NewOrganisation body) {
        Caller c = auth.caller(authorization);
        NewOrganisation b = body(body);
        OrganisationCreated o = Services.require(partners.get()).createOrganisation(c, b.name(), b.kind());
        return Response.status(201).entity(o).build();
    }

    @POST
    @Path("admin/accounts")
    public Response invite(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, Invitation body) {
        Caller c = auth.caller(authorization);
        Invitation b = body(body);
        Account a = service().invite(c, b.email(), b.displayName(), b.role(), b.organisationId(), b.schemes());
        return Response.status(201).entity(a).build();
    }

    @GET
    @Path("admin/accounts")
    public java.util.List<Account> staff(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return service().staff(auth.caller(authorization));
    }

    @POST
    @Path("admin/accounts/{id}/disabling")
    public Account disable(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id,
            Disabling body) {
        return service().disable(auth.caller(authorization), id, body == null ? null : body.reason());
    }

    @POST
    @Path("admin/accounts/{id}/enabling")
    public Account enable(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id) {
        return service().enable(auth.caller(authorization), id);
    }

    @PUT
    @Path("admin/accounts/{id}/rights")
    public Account changeRights(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id,
            StaffRights body) {
        StaffRights b = body(body);
        return service().changeStaff(auth.caller(authorization), id, b.roles(), b.schemes());
    }

    @POST
    @Path("organisations/{id}/key-rotation")
    public Response rotateKey(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id) {
        OrganisationCreated o = Services.require(partners.get()).rotateKey(auth.caller(authorization), id);
        return Response.status(201).entity(o).build();
    }

    @POST
    @Path("organisations/{id}/key-revocation")
    public Organisation revokeKey(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("id") long id) {
        return Services.require(partners.get()).revokeKey(auth.caller(authorization), id);
    }

    private AccountService service() {
        return Services.require(accounts.get());
    }

    static <T> T body(T body) {
        if (body == null) {
            throw GuichetException.invalid("BODY_REQUIRED", null, "Le corps de la requête (JSON) est vide.");
        }
        return body;
    }

}
