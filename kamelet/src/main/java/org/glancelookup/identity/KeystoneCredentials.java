package org.glancelookup.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The service's own Keystone v3 credentials (SPEC section 9): an application credential, or a user's password
 * scoped to a project. Its text never shows the password or the secret.
 */
public record KeystoneCredentials(String authUrl, String username, String password, String projectName,
        String userDomainName, String projectDomainName, String applicationCredentialId,
        String applicationCredentialSecret) {

    public KeystoneCredentials {
        authUrl = blankToNull(authUrl);
        if (authUrl == null) {
            throw new IllegalArgumentException("keystone.auth-url is empty: the service needs it for its own token");
        }
        authUrl = authUrl.replaceAll("/+$", "");
        if (!authUrl.endsWith("/v3")) {
            authUrl = authUrl + "/v3"; // as keystoneauth's discovery ends for a bare http://host:5000
        }
        username = blankToNull(username);
        password = blankToNull(password);
        projectName = blankToNull(projectName);
        userDomainName = blankToNull(userDomainName) == null ? "Default" : userDomainName.strip();
        projectDomainName = blankToNull(projectDomainName) == null ? "Default" : projectDomainName.strip();
        applicationCredentialId = blankToNull(applicationCredentialId);
        applicationCredentialSecret = blankToNull(applicationCredentialSecret);
        // (the fields are assigned after this constructor's body: only its parameters can be read here)
        boolean applicationCredential = applicationCredentialId != null && applicationCredentialSecret != null;
        if (!applicationCredential && (username == null || password == null || projectName == null)) {
            throw new IllegalArgumentException("the service's Keystone credentials are incomplete: set"
                    + " keystone.application-credential-id and -secret, or keystone.username, keystone.password"
                    + " and keystone.project-name");
        }
    }

    public boolean isApplicationCredential() {
        return applicationCredentialId != null && applicationCredentialSecret != null;
    }

    /** The body of {@code POST /v3/auth/tokens}: an application credential carries its own scope. */
    String tokenRequest(ObjectMapper json) {
        ObjectNode body = json.createObjectNode();
        ObjectNode identity = body.putObject("auth").putObject("identity");
        ArrayNode methods = identity.putArray("methods");
        if (isApplicationCredential()) {
            methods.add("application_credential");
            identity.putObject("application_credential").put("id", applicationCredentialId)
                    .put("secret", applicationCredentialSecret);
        } else {
            methods.add("password");
            ObjectNode user = identity.putObject("password").putObject("user");
            user.put("name", username).put("password", password);
            user.putObject("domain").put("name", userDomainName);
            ObjectNode project = ((ObjectNode) body.get("auth")).putObject("scope").putObject("project");
            project.put("name", projectName);
            project.putObject("domain").put("name", projectDomainName);
        }
        return body.toString();
    }

    @Override
    public String toString() {
        return isApplicationCredential()
                ? "application credential " + applicationCredentialId + " at " + authUrl
                : "user " + username + " (project " + projectName + ") at " + authUrl;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
