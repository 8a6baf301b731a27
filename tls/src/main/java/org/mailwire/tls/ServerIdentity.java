package org.mailwire.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.mailwire.tls.internal.AtomicFile;
import org.mailwire.tls.internal.BcProviders;
import org.mailwire.tls.internal.KeyMatch;
import org.mailwire.tls.internal.PemCodec;

/**
 * A server's certificate chain (leaf first) and the private key of the leaf.
 *
 * <p>Every instance has been checked: the chain is not empty and the key belongs to the leaf
 * certificate. Passwords passed to the loaders are used and not kept; the caller owns the array and
 * may clear it afterwards. {@link #toString()} never shows key material.
 */
public final class ServerIdentity {

    private final List<X509Certificate> chain;
    private final PrivateKey privateKey;

    private ServerIdentity(List<X509Certificate> chain, PrivateKey privateKey) {
        this.chain = chain;
        this.privateKey = privateKey;
    }

    /**
     * @param chain      the leaf certificate first, then its issuers; the root may be left out
     * @param privateKey the private key of the leaf
     * @throws IllegalArgumentException when the chain is empty or the key is not the leaf's
     */
    public static ServerIdentity of(List<X509Certificate> chain, PrivateKey privateKey) {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(privateKey, "privateKey");
        List<X509Certificate> copy = List.copyOf(chain);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("the certificate chain is empty");
        }
        if (!KeyMatch.matches(privateKey, copy.get(0).getPublicKey())) {
            throw new IllegalArgumentException("the private key does not belong to the leaf certificate '"
                    + copy.get(0).getSubjectX500Principal().getName() + "' (the first certificate of the chain)");
        }
        return new ServerIdentity(copy, privateKey);
    }

    /** Reads a PEM certificate chain (leaf first) and a PEM private key; see {@link #fromPem(InputStream, InputStream, char[])}. */
    public static ServerIdentity fromPem(Path certificateChain, Path privateKey, char[] passwordOrNull) throws IOException {
        List<X509Certificate> chain;
        try (InputStream in = Files.newInputStream(certificateChain)) {
            chain = PemCodec.readCertificates(in, certificateChain.toString());
        }
        PrivateKey key;
        try (InputStream in = Files.newInputStream(privateKey)) {
            key = PemCodec.readPrivateKey(in, privateKey.toString(), passwordOrNull);
        }
        return checked(chain, key, certificateChain.toString(), privateKey.toString());
    }

    /**
     * Reads a PEM certificate chain (leaf first) and a PEM private key. The key may be PKCS#8
     * ("PRIVATE KEY"), encrypted PKCS#8 ("ENCRYPTED PRIVATE KEY"), PKCS#1 ("RSA PRIVATE KEY") or
     * SEC1 ("EC PRIVATE KEY"), the last two also in OpenSSL's legacy encrypted form (DEK-Info).
     *
     * @param passwordOrNull the key's password, or null when the key is not encrypted
     * @throws InvalidIdentityException for malformed PEM, a wrong or missing password, or a key that
     *                                  does not belong to the leaf certificate
     */
    public static ServerIdentity fromPem(InputStream certificateChain, InputStream privateKey, char[] passwordOrNull)
            throws IOException {
        List<X509Certificate> chain = PemCodec.readCertificates(certificateChain, "the certificate stream");
        PrivateKey key = PemCodec.readPrivateKey(privateKey, "the private key stream", passwordOrNull);
        return checked(chain, key, "the certificate stream", "the private key stream");
    }

    private static ServerIdentity checked(List<X509Certificate> chain, PrivateKey key, String chainSource,
                                          String keySource) throws InvalidIdentityException {
        if (!KeyMatch.matches(key, chain.get(0).getPublicKey())) {
            throw new InvalidIdentityException("the private key in " + keySource + " does not belong to the certificate '"
                    + chain.get(0).getSubjectX500Principal().getName() + "', the first one in " + chainSource);
        }
        return new ServerIdentity(chain, key);
    }

    /** Reads the single key entry of a PKCS#12 file; the key is protected by the file's password. */
    public static ServerIdentity fromPkcs12(Path file, char[] password) throws IOException {
        return fromPkcs12(file, password, null);
    }

    /**
     * Reads a key entry of a PKCS#12 file.
     *
     * @param alias the entry to use, or null for the only key entry of the file (a file with several
     *              key entries then fails, rather than serving whichever comes first)
     */
    public static ServerIdentity fromPkcs12(Path file, char[] password, String alias) throws IOException {
        Objects.requireNonNull(password, "password (use an empty array for a file without password)");
        String source = file.toString();
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12", BcProviders.get().crypto());
            store.load(in, password);
        } catch (GeneralSecurityException | IOException e) {
            if (e instanceof java.nio.file.NoSuchFileException || e instanceof java.nio.file.AccessDeniedException) {
                throw (IOException) e;
            }
            throw new InvalidIdentityException("cannot open the PKCS#12 file " + source
                    + ": wrong password, or not a PKCS#12 file, or damaged", e);
        }
        try {
            String chosen = alias != null ? alias : onlyKeyAlias(store, source);
            if (!store.isKeyEntry(chosen)) {
                throw new InvalidIdentityException("the PKCS#12 file " + source + " has no key entry named '" + chosen + "'");
            }
            Key key;
            try {
                key = store.getKey(chosen, password);
            } catch (GeneralSecurityException e) {
                throw new InvalidIdentityException("cannot decrypt the key entry '" + chosen + "' of " + source
                        + ": it has a password other than the file's", e);
            }
            if (!(key instanceof PrivateKey privateKey)) {
                throw new InvalidIdentityException("the entry '" + chosen + "' of " + source + " is not a private key");
            }
            Certificate[] certificates = store.getCertificateChain(chosen);
            if (certificates == null || certificates.length == 0) {
                throw new InvalidIdentityException("the entry '" + chosen + "' of " + source + " has no certificate");
            }
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : certificates) {
                if (!(c instanceof X509Certificate x509)) {
                    throw new InvalidIdentityException("the entry '" + chosen + "' of " + source
                            + " holds a certificate that is not X.509");
                }
                chain.add(x509);
            }
            return checked(List.copyOf(chain), privateKey, source, source);
        } catch (java.security.KeyStoreException e) {
            throw new InvalidIdentityException("cannot read the PKCS#12 file " + source, e);
        }
    }

    private static String onlyKeyAlias(KeyStore store, String source)
            throws java.security.KeyStoreException, InvalidIdentityException {
        List<String> keyAliases = new ArrayList<>();
        for (String a : Collections.list(store.aliases())) {
            if (store.isKeyEntry(a)) {
                keyAliases.add(a);
            }
        }
        if (keyAliases.isEmpty()) {
            throw new InvalidIdentityException("the PKCS#12 file " + source + " holds no private key");
        }
        if (keyAliases.size() > 1) {
            throw new InvalidIdentityException("the PKCS#12 file " + source + " holds " + keyAliases.size()
                    + " private keys " + keyAliases + "; name the one to use");
        }
        return keyAliases.get(0);
    }

    /**
     * Writes the chain as CERTIFICATE blocks and the key as unencrypted PKCS#8 ("PRIVATE KEY").
     * Each file is replaced atomically; the key file is readable by its owner only where the file
     * system has POSIX permissions.
     */
    public void writePem(Path certificateFile, Path privateKeyFile) throws IOException {
        AtomicFile.write(certificateFile, PemCodec.encodeCertificates(chain), false);
        byte[] key = PemCodec.encodePrivateKey(privateKey);
        try {
            AtomicFile.write(privateKeyFile, key, true);
        } finally {
            java.util.Arrays.fill(key, (byte) 0);
        }
    }

    /** The leaf certificate first, then its issuers; unmodifiable. */
    public List<X509Certificate> chain() {
        return chain;
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    @Override
    public String toString() {
        return "ServerIdentity[subject=" + leaf().getSubjectX500Principal().getName()
                + ", chainLength=" + chain.size() + ", key=" + privateKey.getAlgorithm() + "]";
    }
}
