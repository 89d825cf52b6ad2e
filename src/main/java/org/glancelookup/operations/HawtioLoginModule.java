package org.glancelookup.operations;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

/** The JAAS login behind Hawtio when it is bound beyond loopback: one user from hawtio.username/password. */
public class HawtioLoginModule implements LoginModule {
    static final String ROLE = "admin";
    private static volatile String expectedUser;
    private static volatile byte[] expectedPassword;

    private Subject subject;
    private CallbackHandler callbacks;
    private String user;

    /** A role Hawtio checks ({@code hawtio.rolePrincipalClasses}). */
    public record RolePrincipal(String getName) implements Principal {}

    /** The user who logs in. */
    public record UserPrincipal(String getName) implements Principal {}

    static void configure(String username, String password) {
        expectedUser = username;
        expectedPassword = password.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void initialize(Subject subject, CallbackHandler callbacks, Map<String, ?> sharedState,
            Map<String, ?> options) {
        this.subject = subject;
        this.callbacks = callbacks;
    }

    @Override
    public boolean login() throws LoginException {
        NameCallback name = new NameCallback("user");
        PasswordCallback password = new PasswordCallback("password", false);
        try {
            callbacks.handle(new Callback[] {name, password});
        } catch (Exception e) {
            throw new LoginException("cannot read the credentials");
        }
        char[] given = password.getPassword() == null ? new char[0] : password.getPassword();
        boolean userOk = expectedUser != null && expectedUser.equals(name.getName());
        boolean passwordOk = expectedPassword != null
                && MessageDigest.isEqual(expectedPassword, new String(given).getBytes(StandardCharsets.UTF_8));
        password.clearPassword();
        if (!userOk || !passwordOk) {
            throw new FailedLoginException("wrong user name or password");
        }
        user = name.getName();
        return true;
    }

    @Override
    public boolean commit() {
        subject.getPrincipals().add(new UserPrincipal(user));
        subject.getPrincipals().add(new RolePrincipal(ROLE));
        return true;
    }

    @Override
    public boolean abort() {
        user = null;
        return true;
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().removeIf(p -> p instanceof UserPrincipal || p instanceof RolePrincipal);
        return true;
    }
}
