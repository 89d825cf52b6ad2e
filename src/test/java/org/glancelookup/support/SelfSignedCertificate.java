package org.glancelookup.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** A throwaway self-signed server certificate for 127.0.0.1, made with the JDK's keytool. */
public final class SelfSignedCertificate {
    private static final char[] PASSWORD = "test-only".toCharArray();

    private final Path keyStore;
    private final Path pem;

    private SelfSignedCertificate(Path keyStore, Path pem) {
        this.keyStore = keyStore;
        this.pem = pem;
    }

    public static SelfSignedCertificate create(Path dir) throws IOException, InterruptedException {
        return create(dir, "ip:127.0.0.1,dns:localhost");
    }

    /** @param names the certificate's subject alternative names, e.g. "dns:glance.example" */
    public static SelfSignedCertificate create(Path dir, String names) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path keyStore = dir.resolve("glance.p12");
        Path pem = dir.resolve("glance-ca.pem");
        Files.deleteIfExists(keyStore);
        Files.deleteIfExists(pem);
        keytool("-genkeypair", "-alias", "glance", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=glance", "-ext", "SAN=" + names, "-validity", "2", "-keystore",
                keyStore.toString(), "-storetype", "PKCS12", "-storepass", new String(PASSWORD));
        keytool("-exportcert", "-rfc", "-alias", "glance", "-keystore", keyStore.toString(), "-storepass",
                new String(PASSWORD), "-file", pem.toString());
        return new SelfSignedCertificate(keyStore, pem);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (keytool.waitFor() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }

    /** The certificate alone, as a PEM file (what glance.ca-file takes). */
    public Path pemFile() {
        return pem;
    }

    /** A server-side TLS context presenting this certificate. */
    public SSLContext serverContext() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        return tls;
    }
}
