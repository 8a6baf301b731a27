package org.mailwire.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.mailwire.tls.internal.BcProviders;
import org.mailwire.tls.internal.DnsName;
import org.mailwire.tls.internal.IpLiteral;

/**
 * Self-signed server identities for development and tests: {@code localhost} on a laptop, a test
 * server on 127.0.0.1. Clients trust such a certificate only by pinning it or by adding it as a
 * trust anchor; it is never a substitute for a certificate from a CA in production.
 *
 * <p>The subject alternative names always hold DNS {@code localhost} and IP {@code 127.0.0.1},
 * then the given names; the common name is the first given name (or {@code localhost}).
 */
public final class SelfSignedCertificate {

    private static final String LOCALHOST = "localhost";
    private static final String LOOPBACK_V4 = "127.0.0.1";
    /** Covers a clock that is a little behind ours on the peer. */
    private static final Duration DEFAULT_BACKDATE = Duration.ofHours(1);
    private static final int DEFAULT_VALIDITY_DAYS = 365;
    private static final int MAX_VALIDITY_DAYS = 3650;

    private SelfSignedCertificate() {
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code builder().keyType(keyType).names(names).validityDays(validityDays).build()}. */
    public static ServerIdentity generate(KeyType keyType, Collection<String> names, int validityDays) {
        return builder().keyType(keyType).names(names).validityDays(validityDays).build();
    }

    public static final class Builder {
        private KeyType keyType = KeyType.EC_P256;
        private List<String> names = List.of();
        private Instant validFrom;
        private int validityDays = DEFAULT_VALIDITY_DAYS;

        private Builder() {
        }

        /** Default {@link KeyType#EC_P256}. */
        public Builder keyType(KeyType keyType) {
            this.keyType = Objects.requireNonNull(keyType, "keyType");
            return this;
        }

        /**
         * DNS names (a left-most {@code *} label allowed) and IPv4/IPv6 literals, besides localhost
         * and 127.0.0.1.
         *
         * @throws IllegalArgumentException for a name that is neither
         */
        public Builder names(Collection<String> names) {
            Objects.requireNonNull(names, "names");
            List<String> copy = List.copyOf(names);
            Map<String, GeneralName> checked = new LinkedHashMap<>();
            for (String name : copy) {
                addName(checked, name); // a bad name fails here, where the caller passed it
            }
            this.names = copy;
            return this;
        }

        /** Default: one hour before {@link #build()} runs. */
        public Builder validFrom(Instant validFrom) {
            this.validFrom = Objects.requireNonNull(validFrom, "validFrom");
            return this;
        }

        /** Default 365; from 1 to 3650. */
        public Builder validityDays(int validityDays) {
            if (validityDays < 1 || validityDays > MAX_VALIDITY_DAYS) {
                throw new IllegalArgumentException("validityDays must be from 1 to " + MAX_VALIDITY_DAYS
                        + ", not " + validityDays);
            }
            this.validityDays = validityDays;
            return this;
        }

        public ServerIdentity build() {
            Map<String, GeneralName> altNames = new LinkedHashMap<>();
            for (String name : names) {
                addName(altNames, name);
            }
            String commonName = names.isEmpty() ? LOCALHOST : commonNameOf(names.get(0));
            addName(altNames, LOCALHOST);
            addName(altNames, LOOPBACK_V4);

            Instant from = validFrom != null ? validFrom : Instant.now().minus(DEFAULT_BACKDATE);
            Instant to = from.plus(Duration.ofDays(validityDays));
            try {
                SecureRandom random = new SecureRandom();
                KeyPair keyPair = generateKeyPair(keyType, random);
                X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
                // positive, non-zero, at most 20 octets (RFC 5280 section 4.1.2.2), 158 random bits
                BigInteger serial = new BigInteger(159, random).setBit(0);
                X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                        subject, serial, Date.from(from), Date.from(to), subject, keyPair.getPublic());
                JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
                int usage = keyType == KeyType.RSA_2048
                        // keyEncipherment: the static-RSA key exchange of the legacy policy needs it
                        ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
                        : KeyUsage.digitalSignature;
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                        .addExtension(Extension.keyUsage, true, new KeyUsage(usage))
                        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                        .addExtension(Extension.subjectAlternativeName, false,
                                new GeneralNames(altNames.values().toArray(GeneralName[]::new)))
                        .addExtension(Extension.subjectKeyIdentifier, false,
                                extensions.createSubjectKeyIdentifier(keyPair.getPublic()))
                        .addExtension(Extension.authorityKeyIdentifier, false,
                                extensions.createAuthorityKeyIdentifier(keyPair.getPublic()));
                ContentSigner signer = new JcaContentSignerBuilder(
                        keyType == KeyType.RSA_2048 ? "SHA256withRSA" : "SHA256withECDSA")
                        .setProvider(BcProviders.get().crypto()).setSecureRandom(random).build(keyPair.getPrivate());
                X509Certificate certificate = new JcaX509CertificateConverter()
                        .setProvider(BcProviders.get().crypto()).getCertificate(builder.build(signer));
                return ServerIdentity.of(List.of(certificate), keyPair.getPrivate());
            } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
                throw new IllegalStateException("cannot generate a self-signed certificate", e);
            }
        }
    }

    private static void addName(Map<String, GeneralName> altNames, String name) {
        Objects.requireNonNull(name, "name");
        Optional<byte[]> ip = IpLiteral.parse(name);
        if (ip.isPresent()) {
            // keyed by the address bytes so that "::1" and "0:0:0:0:0:0:0:1" count once
            String key = "ip:" + new BigInteger(1, ip.get()).toString(16) + "/" + ip.get().length;
            altNames.putIfAbsent(key, new GeneralName(GeneralName.iPAddress, new DEROctetString(ip.get())));
            return;
        }
        String canonical = DnsName.canonical(name);
        if (canonical == null || !DnsName.isHostName(canonical, true)) {
            throw new IllegalArgumentException("'" + name + "' is neither a DNS host name nor an IP address literal"
                    + " (internationalised names must be given as A-labels, xn--...)");
        }
        altNames.putIfAbsent(canonical, new GeneralName(GeneralName.dNSName, canonical));
    }

    private static String commonNameOf(String name) {
        return IpLiteral.isLiteral(name) ? name : DnsName.canonical(name);
    }

    private static KeyPair generateKeyPair(KeyType type, SecureRandom random) throws GeneralSecurityException {
        return switch (type) {
            case EC_P256 -> {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BcProviders.get().crypto());
                generator.initialize(new ECGenParameterSpec("secp256r1"), random);
                yield generator.generateKeyPair();
            }
            case RSA_2048 -> {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", BcProviders.get().crypto());
                generator.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), random);
                yield generator.generateKeyPair();
            }
        };
    }
}
