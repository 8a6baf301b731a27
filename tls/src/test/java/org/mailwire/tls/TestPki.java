package org.mailwire.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.mailwire.tls.internal.BcProviders;
import org.mailwire.tls.internal.IpLiteral;

/** A test certificate authority and leaf certificates with exactly the names a test needs, built with bcpkix. */
final class TestPki {

    private static final AtomicLong SERIALS = new AtomicLong(1000);

    private TestPki() {
    }

    record Ca(X509Certificate certificate, PrivateKey key) {
    }

    static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BcProviders.get().crypto());
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Ca newCa(String commonName) {
        KeyPair pair = ecKeyPair();
        X500Name name = new X500Name("CN=" + commonName);
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), name, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new Ca(sign(builder, pair.getPrivate()), pair.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A leaf for {@code names} (DNS names or IP literals) issued by {@code ca}. */
    static ServerIdentity leaf(Ca ca, List<String> names, Instant notBefore, Instant notAfter) {
        KeyPair pair = ecKeyPair();
        X509Certificate certificate = certificate(X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
                ca.key(), "CN=" + names.get(0), pair.getPublic(), names, notBefore, notAfter);
        return ServerIdentity.of(List.of(certificate, ca.certificate()), pair.getPrivate());
    }

    static ServerIdentity leaf(Ca ca, List<String> names) {
        Instant now = Instant.now();
        return leaf(ca, names, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(10)));
    }

    /**
     * A self-signed certificate with the given subject and exactly these SANs (null: no SAN
     * extension). Names are written as given, unvalidated, so that tests can present malformed ones.
     */
    static X509Certificate withNames(KeyPair pair, String subject, List<String> dnsNames, List<String> ipLiterals) {
        List<String> all = new ArrayList<>();
        if (dnsNames != null) {
            all.addAll(dnsNames);
        }
        X500Name name = new X500Name(subject);
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), name, pair.getPublic());
            if (dnsNames != null || ipLiterals != null) {
                List<GeneralName> sans = new ArrayList<>();
                for (String d : all) {
                    sans.add(new GeneralName(GeneralName.dNSName, d));
                }
                if (ipLiterals != null) {
                    for (String ip : ipLiterals) {
                        sans.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(IpLiteral.parse(ip).orElseThrow())));
                    }
                }
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
            }
            return sign(builder, pair.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate certificate(X500Name issuer, PrivateKey issuerKey, String subject, PublicKey key,
                                               List<String> names, Instant notBefore, Instant notAfter) {
        try {
            List<GeneralName> sans = new ArrayList<>();
            for (String n : names) {
                sans.add(IpLiteral.isLiteral(n)
                        ? new GeneralName(GeneralName.iPAddress, new DEROctetString(IpLiteral.parse(n).orElseThrow()))
                        : new GeneralName(GeneralName.dNSName, n));
            }
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(),
                    Date.from(notBefore), Date.from(notAfter), new X500Name(subject), key)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
            return sign(builder, issuerKey);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws Exception {
        return new JcaX509CertificateConverter().setProvider(BcProviders.get().crypto()).getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BcProviders.get().crypto()).build(key)));
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIALS.incrementAndGet());
    }
}
