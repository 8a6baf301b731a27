package org.mailwire.samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.mailwire.tls.KeyType;
import org.mailwire.tls.SelfSignedCertificate;
import org.mailwire.tls.ServerIdentity;

/**
 * A self-signed identity kept in a state directory, so that a restarted server presents the same
 * certificate and clients that pinned it keep working.
 */
final class DevelopmentIdentity {
    static final String CERTIFICATE_FILE = "smtp-sink-cert.pem";
    static final String KEY_FILE = "smtp-sink-key.pem";
    static final int VALIDITY_DAYS = 365;
    /** A certificate closer than this to its end is replaced before a client sees it expire. */
    private static final Duration RENEW_BEFORE = Duration.ofDays(1);

    private DevelopmentIdentity() {
    }

    /**
     * The identity stored in {@code stateDirectory}, or a new one (ECDSA P-256, localhost,
     * 127.0.0.1 and {@code names}) written there when there is none or it is about to expire.
     */
    static ServerIdentity loadOrCreate(Path stateDirectory, List<String> names) throws IOException {
        Path certificate = stateDirectory.resolve(CERTIFICATE_FILE);
        Path key = stateDirectory.resolve(KEY_FILE);
        if (Files.exists(certificate) && Files.exists(key)) {
            ServerIdentity stored = ServerIdentity.fromPem(certificate, key, null);
            if (stillValid(stored)) {
                return stored;
            }
        }
        Files.createDirectories(stateDirectory);
        ServerIdentity created = SelfSignedCertificate.generate(KeyType.EC_P256, names, VALIDITY_DAYS);
        created.writePem(certificate, key);
        // Read back what was written: the file, not the object in memory, is what a restart serves.
        return ServerIdentity.fromPem(certificate, key, null);
    }

    private static boolean stillValid(ServerIdentity identity) {
        try {
            identity.leaf().checkValidity(Date.from(Instant.now().plus(RENEW_BEFORE)));
            identity.leaf().checkValidity();
            return true;
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            return false;
        }
    }
}
