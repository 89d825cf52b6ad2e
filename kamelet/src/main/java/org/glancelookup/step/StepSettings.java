package org.glancelookup.step;

/**
 * The step's settings as JavaBean properties: the Kamelet's (SPEC section 8, camelCase, each as its section 7
 * counterpart) and a few more that only a host such as the service sets (pool sizes, limits, the cool-down).
 * Defaults are the service's, except {@code apiVersion} (2) and the mapping store (an in-memory H2 of this process).
 * Only setters: the step's assembly (this package) reads the fields.
 */
public class StepSettings {
    String name = "glance-lookup";
    String apiServers;
    int apiVersion = 2;
    int numRetries;
    int retryDelayMs = 1000;
    int connectTimeoutMs = 5000;
    int readTimeoutMs = 30000;
    String authStrategy = "noauth";
    String caFile;
    boolean insecure;
    String mappingJdbcUrl;
    String mappingUsername;
    String mappingPassword;
    boolean createMissing = true;
    int cacheTtlMs;
    boolean throwExceptionOnFailure = true;
    // the service's own identity (SPEC section 9): auth.strategy=service, or keystone with keystoneServiceToken
    String keystoneAuthUrl;
    String keystoneUsername;
    String keystonePassword;
    String keystoneProjectName;
    String keystoneUserDomainName = "Default";
    String keystoneProjectDomainName = "Default";
    String keystoneApplicationCredentialId;
    String keystoneApplicationCredentialSecret;
    String keystoneInterface = "internal";
    String keystoneRegionName;
    boolean keystoneServiceToken;
    // not Kamelet properties: the service's tunables (config/application.properties), here with its defaults
    int cacheMaxEntries = 10000;
    int serverCoolDownMs = 5000;
    int maxConnections = 64;
    int maxHeaderBytes = 393216;
    int maxResponseBytes = 1048576;
    int mappingPoolSize = 10;
    int mappingConnectionTimeoutMs = 5000;
    int mappingCacheSize = 100000;

    /** The step instance: the prefix of its route ids, direct: endpoints and beans (the Kamelet's route id). */
    public void setName(String name) {
        this.name = name;
    }

    public void setApiServers(String apiServers) {
        this.apiServers = apiServers;
    }

    public void setApiVersion(int apiVersion) {
        this.apiVersion = apiVersion;
    }

    public void setNumRetries(int numRetries) {
        this.numRetries = numRetries;
    }

    public void setRetryDelayMs(int retryDelayMs) {
        this.retryDelayMs = retryDelayMs;
    }

    public void setConnectTimeoutMs(int connectTimeoutMs) {
        this.connectTimeoutMs = connectTimeoutMs;
    }

    public void setReadTimeoutMs(int readTimeoutMs) {
        this.readTimeoutMs = readTimeoutMs;
    }

    public void setAuthStrategy(String authStrategy) {
        this.authStrategy = authStrategy;
    }

    public void setCaFile(String caFile) {
        this.caFile = caFile;
    }

    public void setInsecure(boolean insecure) {
        this.insecure = insecure;
    }

    public void setMappingJdbcUrl(String mappingJdbcUrl) {
        this.mappingJdbcUrl = mappingJdbcUrl;
    }

    public void setMappingUsername(String mappingUsername) {
        this.mappingUsername = mappingUsername;
    }

    public void setMappingPassword(String mappingPassword) {
        this.mappingPassword = mappingPassword;
    }

    public void setCreateMissing(boolean createMissing) {
        this.createMissing = createMissing;
    }

    public void setCacheTtlMs(int cacheTtlMs) {
        this.cacheTtlMs = cacheTtlMs;
    }

    public void setThrowExceptionOnFailure(boolean throwExceptionOnFailure) {
        this.throwExceptionOnFailure = throwExceptionOnFailure;
    }

    public void setCacheMaxEntries(int cacheMaxEntries) {
        this.cacheMaxEntries = cacheMaxEntries;
    }

    public void setServerCoolDownMs(int serverCoolDownMs) {
        this.serverCoolDownMs = serverCoolDownMs;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public void setMaxHeaderBytes(int maxHeaderBytes) {
        this.maxHeaderBytes = maxHeaderBytes;
    }

    public void setMaxResponseBytes(int maxResponseBytes) {
        this.maxResponseBytes = maxResponseBytes;
    }

    public void setMappingPoolSize(int mappingPoolSize) {
        this.mappingPoolSize = mappingPoolSize;
    }

    public void setMappingConnectionTimeoutMs(int mappingConnectionTimeoutMs) {
        this.mappingConnectionTimeoutMs = mappingConnectionTimeoutMs;
    }

    public void setMappingCacheSize(int mappingCacheSize) {
        this.mappingCacheSize = mappingCacheSize;
    }

    public void setKeystoneAuthUrl(String keystoneAuthUrl) {
        this.keystoneAuthUrl = keystoneAuthUrl;
    }

    public void setKeystoneUsername(String keystoneUsername) {
        this.keystoneUsername = keystoneUsername;
    }

    public void setKeystonePassword(String keystonePassword) {
        this.keystonePassword = keystonePassword;
    }

    public void setKeystoneProjectName(String keystoneProjectName) {
        this.keystoneProjectName = keystoneProjectName;
    }

    public void setKeystoneUserDomainName(String keystoneUserDomainName) {
        this.keystoneUserDomainName = keystoneUserDomainName;
    }

    public void setKeystoneProjectDomainName(String keystoneProjectDomainName) {
        this.keystoneProjectDomainName = keystoneProjectDomainName;
    }

    public void setKeystoneApplicationCredentialId(String keystoneApplicationCredentialId) {
        this.keystoneApplicationCredentialId = keystoneApplicationCredentialId;
    }

    public void setKeystoneApplicationCredentialSecret(String keystoneApplicationCredentialSecret) {
        this.keystoneApplicationCredentialSecret = keystoneApplicationCredentialSecret;
    }

    /** The catalog interface of Glance's endpoints ({@code internal}, then {@code public}). */
    public void setKeystoneInterface(String keystoneInterface) {
        this.keystoneInterface = keystoneInterface;
    }

    /** The catalog region of Glance's endpoints (empty: any). */
    public void setKeystoneRegionName(String keystoneRegionName) {
        this.keystoneRegionName = keystoneRegionName;
    }

    /** With authStrategy keystone: send the service's own token as X-Service-Token beside the caller's. */
    public void setKeystoneServiceToken(boolean keystoneServiceToken) {
        this.keystoneServiceToken = keystoneServiceToken;
    }
}
