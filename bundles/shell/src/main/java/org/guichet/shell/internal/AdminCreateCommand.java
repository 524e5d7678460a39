package org.guichet.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.guichet.api.accounts.AccountService;
import org.guichet.api.error.GuichetException;

/**
 * Creates an admin account from the shell: there is never a default password. The person sets hers through the
 * activation link, which is mailed and also printed here for the operator who has no mail set up yet.
 */
@Command(scope = "guichet", name = "admin-create", description = "Creates an admin account and mails its activation link")
@Service
public class AdminCreateCommand implements Action {
    @Reference
    AccountService accounts;

    @Argument(index = 0, name = "email", required = true, description = "The admin's email address")
    String email;

    @Argument(index = 1, name = "name", required = false, description = "The admin's name, in quotes")
    String name;

    @Override
    public Object execute() {
        try {
            String link = accounts.createAdmin(email, name);
            System.out.println("Compte administrateur créé pour " + email + ", en attente d'activation.");
            System.out.println("Lien d'activation (envoyé aussi par courriel) :");
            System.out.println(link);
        } catch (GuichetException e) {
            System.err.println(e.code() + ": " + e.getMessage());
        }
        return null;
    }
}
