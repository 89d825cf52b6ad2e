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
}
