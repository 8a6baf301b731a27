package org.mailwire.tls.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.mailwire.tls.InvalidIdentityException;

/**
 * Reads and writes the PEM forms of certificates and private keys.
 *
 * <p>Error messages name the source and the problem only. Bouncy Castle's own messages are not
 * copied into them for key files: the caller may log them, and a parser message is no place to
 * find out whether it quotes input.
 */
public final class PemCodec {

    /** Larger than any CA bundle in use (Mozilla's is about 250 KiB); a bound on what a stream may make us hold. */
    public static final int MAX_PEM_BYTES = 4 * 1024 * 1024;

    private PemCodec() {
    }

    public static List<X509Certificate> readCertificates(InputStream in, String source) throws IOException {
        byte[] bytes = readBounded(in, source);
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter().setProvider(BcProviders.get().crypto());
        List<X509Certificate> certificates = new ArrayList<>();
        try (PEMParser parser = parser(bytes)) {
            for (int i = 0; i < 100_000; i++) { // bounded by MAX_PEM_BYTES long before this
                Object object = parser.readObject();
                if (object == null) {
                    break;
                }
                X509CertificateHolder holder = null;
                if (object instanceof X509CertificateHolder h) {
                    holder = h;
                } else if (object instanceof X509TrustedCertificateBlock block) {
                    holder = block.getCertificateHolder();
                }
                // anything else (a key in a combined file, parameters) is not ours to read here
                if (holder != null) {
                    certificates.add(converter.getCertificate(holder));
                }
            }
        } catch (CertificateException e) {
            throw new InvalidIdentityException("malformed certificate in " + source, e);
        } catch (IOException | RuntimeException e) {
            throw new InvalidIdentityException("malformed PEM in " + source + ": " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new InvalidIdentityException("no CERTIFICATE block found in " + source);
        }
        return List.copyOf(certificates);
    }

    /**
     * Reads the one private key of a PEM file: PKCS#8 ("PRIVATE KEY"), encrypted PKCS#8
     * ("ENCRYPTED PRIVATE KEY"), PKCS#1 ("RSA PRIVATE KEY") or SEC1 ("EC PRIVATE KEY"), the last two
     * plain or in OpenSSL's legacy encrypted form (Proc-Type and DEK-Info headers).
     */
    public static PrivateKey readPrivateKey(InputStream in, String source, char[] password) throws IOException {
        byte[] bytes = readBounded(in, source);
        Object keyObject = null;
        try (PEMParser parser = parser(bytes)) {
            for (int i = 0; i < 100_000; i++) {
                Object object;
                try {
                    object = parser.readObject();
                } catch (IOException | RuntimeException e) {
                    throw new InvalidIdentityException("malformed PEM in " + source, e);
                }
                if (object == null) {
                    break;
                }
                if (object instanceof PrivateKeyInfo || object instanceof PKCS8EncryptedPrivateKeyInfo
                        || object instanceof PEMKeyPair || object instanceof PEMEncryptedKeyPair) {
                    if (keyObject != null) {
                        throw new InvalidIdentityException("more than one private key in " + source);
                    }
                    keyObject = object;
                }
            }
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
        if (keyObject == null) {
            throw new InvalidIdentityException("no private key (PRIVATE KEY, ENCRYPTED PRIVATE KEY, RSA PRIVATE KEY"
                    + " or EC PRIVATE KEY block) found in " + source);
        }
        return convert(keyObject, source, password);
    }

    private static PrivateKey convert(Object keyObject, String source, char[] password) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(BcProviders.get().crypto());
        try {
            if (keyObject instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (keyObject instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
        } catch (IOException | RuntimeException e) {
            throw new InvalidIdentityException("unsupported or malformed private key in " + source, e);
        }
        if (password == null) {
            throw new InvalidIdentityException("the private key in " + source + " is encrypted; a password is required");
        }
        PrivateKeyInfo decrypted;
        try {
            if (keyObject instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                decrypted = encrypted.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                        .setProvider(BcProviders.get().crypto()).build(password));
            } else {
                PEMEncryptedKeyPair encrypted = (PEMEncryptedKeyPair) keyObject;
                decrypted = encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder()
                        .setProvider(BcProviders.get().crypto()).build(password)).getPrivateKeyInfo();
            }
        } catch (Exception e) {
            // a wrong password shows up as bad padding or, rarely, as garbage that fails to parse
            throw new InvalidIdentityException("cannot decrypt the private key in " + source
                    + ": wrong password, or an unsupported or damaged encryption", e);
        }
        try {
            return converter.getPrivateKey(decrypted);
        } catch (IOException | RuntimeException e) {
            throw new InvalidIdentityException("cannot decrypt the private key in " + source
                    + ": wrong password, or an unsupported or damaged encryption", e);
        }
    }

    public static byte[] encodeCertificates(List<X509Certificate> certificates) {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(new PemObject("CERTIFICATE", certificate.getEncoded()));
            }
        } catch (CertificateEncodingException | IOException e) {
            throw new IllegalStateException("cannot encode certificate", e);
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Unencrypted PKCS#8 ("PRIVATE KEY"): the form every TLS server and OpenSSL 1.0+ reads. */
    public static byte[] encodePrivateKey(PrivateKey key) {
        byte[] der = key.getEncoded();
        if (der == null || !"PKCS#8".equals(key.getFormat())) {
            throw new IllegalStateException("the private key cannot be exported as PKCS#8 (format "
                    + key.getFormat() + ")");
        }
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject("PRIVATE KEY", der));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode private key", e);
        } finally {
            Arrays.fill(der, (byte) 0);
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static PEMParser parser(byte[] bytes) {
        // ISO-8859-1 maps every byte: a stray non-ASCII byte becomes a parse error, not a decoding one
        return new PEMParser(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.ISO_8859_1));
    }

    private static byte[] readBounded(InputStream in, String source) throws IOException {
        byte[] bytes = in.readNBytes(MAX_PEM_BYTES + 1);
        if (bytes.length > MAX_PEM_BYTES) {
            Arrays.fill(bytes, (byte) 0);
            throw new InvalidIdentityException(source + " is larger than " + MAX_PEM_BYTES + " bytes; not a PEM file");
        }
        return bytes;
    }
}
