package org.mailwire.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObjectGenerator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mailwire.tls.internal.BcProviders;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerIdentityTest {

    private static final String PASSWORD = "c0rrect-h0rse";
    private static final Path OPENSSL = Path.of("/usr/bin/openssl");

    private ServerIdentity ec;
    private ServerIdentity rsa;

    @TempDir
    Path dir;

    @BeforeAll
    void generateOnce() {
        ec = SelfSignedCertificate.generate(KeyType.EC_P256, List.of("mail.example.test"), 10);
        rsa = SelfSignedCertificate.generate(KeyType.RSA_2048, List.of("mail.example.test"), 10);
    }

    private ServerIdentity identity(KeyType type) {
        return type == KeyType.EC_P256 ? ec : rsa;
    }

    private static void assertSameIdentity(ServerIdentity expected, ServerIdentity actual) throws Exception {
        assertEquals(expected.chain(), actual.chain());
        assertArrayEquals(expected.privateKey().getEncoded(), actual.privateKey().getEncoded());
    }

    /** No message anywhere in the cause chain may contain the password. */
    private static void assertNoPasswordIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(PASSWORD), t.toString());
            assertFalse(t.toString().contains(PASSWORD), t.toString());
        }
    }

    private Path certificateFile(ServerIdentity identity) throws IOException {
        Path cert = dir.resolve("cert-" + System.nanoTime() + ".pem");
        Path unused = dir.resolve("unused-" + System.nanoTime() + ".pem");
        identity.writePem(cert, unused);
        return cert;
    }

    private Path write(String name, PemObjectGenerator generator) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(generator);
        }
        Path file = dir.resolve(name);
        Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
        return file;
    }

    private static String firstLine(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.US_ASCII).get(0);
    }

    // ---- round trip

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void writePemThenFromPemGivesTheSameIdentity(KeyType type) throws Exception {
        ServerIdentity identity = identity(type);
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");

        identity.writePem(cert, key);
        ServerIdentity loaded = ServerIdentity.fromPem(cert, key, null);

        assertSameIdentity(identity, loaded);
        assertEquals("-----BEGIN CERTIFICATE-----", firstLine(cert));
        assertEquals("-----BEGIN PRIVATE KEY-----", firstLine(key));
    }

    @Test
    void theKeyFileIsOwnerOnlyAndReplacedAtomically() throws Exception {
        Assumptions.assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"), "POSIX file system");
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Files.writeString(key, "old contents");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-rw-rw-"));

        ec.writePem(cert, key);

        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(key));
        assertTrue(Files.getPosixFilePermissions(cert).contains(PosixFilePermission.OTHERS_READ));
        assertEquals("-----BEGIN PRIVATE KEY-----", firstLine(key));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void aChainKeepsItsOrder() throws Exception {
        TestPki.Ca ca = TestPki.newCa("Chain CA");
        ServerIdentity leaf = TestPki.leaf(ca, List.of("mail.example.test"));
        Path cert = dir.resolve("chain.pem");
        Path key = dir.resolve("key.pem");
        leaf.writePem(cert, key);

        ServerIdentity loaded = ServerIdentity.fromPem(cert, key, null);

        assertEquals(2, loaded.chain().size());
        assertSameIdentity(leaf, loaded);
    }

    @Test
    void fromStreams() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        ec.writePem(cert, key);
        ServerIdentity loaded = ServerIdentity.fromPem(
                new ByteArrayInputStream(Files.readAllBytes(cert)), new ByteArrayInputStream(Files.readAllBytes(key)), null);
        assertSameIdentity(ec, loaded);
    }

    // ---- key formats written by bcpkix

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void readsPkcs8(KeyType type) throws Exception {
        ServerIdentity identity = identity(type);
        Path key = write("pkcs8.pem", new JcaPKCS8Generator(identity.privateKey(), null));
        assertEquals("-----BEGIN PRIVATE KEY-----", firstLine(key));
        assertSameIdentity(identity, ServerIdentity.fromPem(certificateFile(identity), key, null));
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void readsEncryptedPkcs8(KeyType type) throws Exception {
        ServerIdentity identity = identity(type);
        Path key = write("pkcs8-enc.pem", new JcaPKCS8Generator(identity.privateKey(),
                new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setProvider(BcProviders.get().crypto())
                        .setPassword(PASSWORD.toCharArray()).build()));
        assertEquals("-----BEGIN ENCRYPTED PRIVATE KEY-----", firstLine(key));
        assertSameIdentity(identity, ServerIdentity.fromPem(certificateFile(identity), key, PASSWORD.toCharArray()));
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void readsTraditionalPkcs1AndSec1(KeyType type) throws Exception {
        ServerIdentity identity = identity(type);
        Path key = write("traditional.pem", new JcaMiscPEMGenerator(identity.privateKey()));
        assertEquals(type == KeyType.RSA_2048 ? "-----BEGIN RSA PRIVATE KEY-----" : "-----BEGIN EC PRIVATE KEY-----",
                firstLine(key));
        assertSameIdentity(identity, ServerIdentity.fromPem(certificateFile(identity), key, null));
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void readsLegacyEncryptedPkcs1AndSec1(KeyType type) throws Exception {
        ServerIdentity identity = identity(type);
        Path key = write("traditional-enc.pem", new JcaMiscPEMGenerator(identity.privateKey(),
                new JcePEMEncryptorBuilder("AES-256-CBC").setProvider(BcProviders.get().crypto()).build(PASSWORD.toCharArray())));
        List<String> lines = Files.readAllLines(key);
        assertTrue(lines.get(1).startsWith("Proc-Type: 4,ENCRYPTED"), lines.get(1));
        assertTrue(lines.get(2).startsWith("DEK-Info: AES-256-CBC"), lines.get(2));
        assertSameIdentity(identity, ServerIdentity.fromPem(certificateFile(identity), key, PASSWORD.toCharArray()));
    }

    // ---- key formats written by the OpenSSL command line

    private Path openssl(String output, String... args) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(OPENSSL), "no " + OPENSSL);
        List<String> command = new ArrayList<>();
        command.add(OPENSSL.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] log = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "openssl did not finish");
        assertEquals(0, process.exitValue(), new String(log, StandardCharsets.UTF_8));
        return dir.resolve(output);
    }

    private Path pkcs8File(ServerIdentity identity) throws IOException {
        Path cert = dir.resolve("source-cert.pem");
        Path key = dir.resolve("source-key.pem");
        identity.writePem(cert, key);
        return key;
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void readsOpensslTraditionalKeys(KeyType type) throws Exception {
        ServerIdentity identity = identity(type);
        pkcs8File(identity);
        Path key = openssl("trad.pem", "pkey", "-in", "source-key.pem", "-traditional", "-out", "trad.pem");
        assertEquals(type == KeyType.RSA_2048 ? "-----BEGIN RSA PRIVATE KEY-----" : "-----BEGIN EC PRIVATE KEY-----",
                firstLine(key));
        assertSameIdentity(identity, ServerIdentity.fromPem(dir.resolve("source-cert.pem"), key, null));
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void readsOpensslLegacyEncryptedKeys(KeyType type) throws Exception {
        ServerIdentity identity = identity(type);
        pkcs8File(identity);
        Path key = openssl("trad-enc.pem", "pkey", "-in", "source-key.pem", "-traditional", "-aes-256-cbc",
                "-passout", "pass:" + PASSWORD, "-out", "trad-enc.pem");
        assertTrue(Files.readString(key).contains("DEK-Info: AES-256-CBC"));
        assertSameIdentity(identity, ServerIdentity.fromPem(dir.resolve("source-cert.pem"), key, PASSWORD.toCharArray()));
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void readsOpensslEncryptedPkcs8(KeyType type) throws Exception {
        ServerIdentity identity = identity(type);
        pkcs8File(identity);
        Path key = openssl("p8enc.pem", "pkcs8", "-topk8", "-in", "source-key.pem", "-v2", "aes-256-cbc",
                "-passout", "pass:" + PASSWORD, "-out", "p8enc.pem");
        assertEquals("-----BEGIN ENCRYPTED PRIVATE KEY-----", firstLine(key));
        assertSameIdentity(identity, ServerIdentity.fromPem(dir.resolve("source-cert.pem"), key, PASSWORD.toCharArray()));
    }

    @Test
    void readsOpensslSec1AfterAnEcParametersBlock() throws Exception {
        pkcs8File(ec);
        openssl("params.pem", "ecparam", "-name", "prime256v1", "-out", "params.pem");
        Path sec1 = openssl("sec1.pem", "pkey", "-in", "source-key.pem", "-traditional", "-out", "sec1.pem");
        Path combined = dir.resolve("combined.pem");
        Files.writeString(combined, Files.readString(dir.resolve("params.pem")) + Files.readString(sec1));
        assertSameIdentity(ec, ServerIdentity.fromPem(dir.resolve("source-cert.pem"), combined, null));
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void readsOpensslPkcs12(KeyType type) throws Exception {
        ServerIdentity identity = identity(type);
        pkcs8File(identity);
        Path p12 = openssl("id.p12", "pkcs12", "-export", "-inkey", "source-key.pem", "-in", "source-cert.pem",
                "-passout", "pass:" + PASSWORD, "-out", "id.p12");
        assertSameIdentity(identity, ServerIdentity.fromPkcs12(p12, PASSWORD.toCharArray()));
    }

    // ---- PKCS#12 written by the JDK

    private Path jdkPkcs12(String... aliases) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (String alias : aliases) {
            ServerIdentity identity = alias.startsWith("rsa") ? rsa : ec;
            store.setKeyEntry(alias, JdkTls.jdkKey(identity.privateKey()), PASSWORD.toCharArray(),
                    identity.chain().toArray(Certificate[]::new));
        }
        store.setCertificateEntry("some-ca", TestPki.newCa("Unrelated CA").certificate());
        Path file = dir.resolve("jdk-" + System.nanoTime() + ".p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD.toCharArray());
        }
        return file;
    }

    @Test
    void readsTheOnlyKeyEntryOfAJdkPkcs12File() throws Exception {
        assertSameIdentity(rsa, ServerIdentity.fromPkcs12(jdkPkcs12("rsa-mail"), PASSWORD.toCharArray()));
        assertSameIdentity(ec, ServerIdentity.fromPkcs12(jdkPkcs12("ec-mail"), PASSWORD.toCharArray()));
    }

    @Test
    void anAliasChoosesAmongSeveralKeys() throws Exception {
        Path file = jdkPkcs12("ec-mail", "rsa-mail");
        InvalidIdentityException e = assertThrows(InvalidIdentityException.class,
                () -> ServerIdentity.fromPkcs12(file, PASSWORD.toCharArray()));
        assertTrue(e.getMessage().contains("holds 2 private keys"), e.getMessage());

        assertSameIdentity(rsa, ServerIdentity.fromPkcs12(file, PASSWORD.toCharArray(), "rsa-mail"));
        assertSameIdentity(ec, ServerIdentity.fromPkcs12(file, PASSWORD.toCharArray(), "ec-mail"));
        InvalidIdentityException missing = assertThrows(InvalidIdentityException.class,
                () -> ServerIdentity.fromPkcs12(file, PASSWORD.toCharArray(), "nope"));
        assertTrue(missing.getMessage().contains("no key entry named 'nope'"), missing.getMessage());
    }

    @Test
    void aWrongPkcs12PasswordIsAClearErrorWithoutThePassword() throws Exception {
        Path file = jdkPkcs12("ec-mail");
        String wrong = PASSWORD + "-wrong";
        InvalidIdentityException e = assertThrows(InvalidIdentityException.class,
                () -> ServerIdentity.fromPkcs12(file, wrong.toCharArray()));
        assertTrue(e.getMessage().contains("wrong password"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertNoPasswordIn(e);
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(wrong), t.toString());
        }
    }

    // ---- failures

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void aWrongKeyPasswordIsAClearErrorWithoutThePassword(KeyType type) throws Exception {
        ServerIdentity identity = identity(type);
        Path pkcs8 = write("enc8.pem", new JcaPKCS8Generator(identity.privateKey(),
                new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setProvider(BcProviders.get().crypto())
                        .setPassword(PASSWORD.toCharArray()).build()));
        Path legacy = write("enc1.pem", new JcaMiscPEMGenerator(identity.privateKey(),
                new JcePEMEncryptorBuilder("AES-256-CBC").setProvider(BcProviders.get().crypto()).build(PASSWORD.toCharArray())));
        Path cert = certificateFile(identity);
        String wrong = "Tr0ub4dor&3";
        for (Path key : List.of(pkcs8, legacy)) {
            InvalidIdentityException e = assertThrows(InvalidIdentityException.class,
                    () -> ServerIdentity.fromPem(cert, key, wrong.toCharArray()));
            assertTrue(e.getMessage().contains("wrong password"), e.getMessage());
            assertTrue(e.getMessage().contains(key.toString()), e.getMessage());
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertFalse(String.valueOf(t.getMessage()).contains(wrong), t.toString());
            }
            InvalidIdentityException missing = assertThrows(InvalidIdentityException.class,
                    () -> ServerIdentity.fromPem(cert, key, null));
            assertTrue(missing.getMessage().contains("a password is required"), missing.getMessage());
        }
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() throws Exception {
        ServerIdentity other = SelfSignedCertificate.generate(KeyType.EC_P256, List.of(), 1);
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        ec.writePem(cert, dir.resolve("ignored.pem"));
        other.writePem(dir.resolve("ignored-cert.pem"), key);

        InvalidIdentityException e = assertThrows(InvalidIdentityException.class, () -> ServerIdentity.fromPem(cert, key, null));
        assertTrue(e.getMessage().contains("does not belong to the certificate 'CN=mail.example.test'"), e.getMessage());

        assertThrows(IllegalArgumentException.class, () -> ServerIdentity.of(ec.chain(), other.privateKey()));
        assertThrows(IllegalArgumentException.class, () -> ServerIdentity.of(ec.chain(), rsa.privateKey()));
        assertThrows(IllegalArgumentException.class, () -> ServerIdentity.of(List.of(), ec.privateKey()));
    }

    @Test
    void filesWithoutTheExpectedBlocksAreRefused() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        ec.writePem(cert, key);
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");

        InvalidIdentityException noCert = assertThrows(InvalidIdentityException.class,
                () -> ServerIdentity.fromPem(empty, key, null));
        assertTrue(noCert.getMessage().contains("no CERTIFICATE block found"), noCert.getMessage());
        InvalidIdentityException noKey = assertThrows(InvalidIdentityException.class,
                () -> ServerIdentity.fromPem(cert, cert, null));
        assertTrue(noKey.getMessage().contains("no private key"), noKey.getMessage());

        Path broken = Files.writeString(dir.resolve("broken.pem"),
                "-----BEGIN PRIVATE KEY-----\nnot base64 at all!!\n-----END PRIVATE KEY-----\n");
        InvalidIdentityException malformed = assertThrows(InvalidIdentityException.class,
                () -> ServerIdentity.fromPem(cert, broken, null));
        assertTrue(malformed.getMessage().contains(broken.toString()), malformed.getMessage());
    }

    @Test
    void toStringShowsNoKeyMaterial() {
        String text = rsa.toString();
        assertTrue(text.contains("CN=mail.example.test"), text);
        assertFalse(text.contains(rsa.privateKey().toString()), text);
        assertFalse(text.toLowerCase(java.util.Locale.ROOT).contains("modulus"), text);
    }

    @Test
    void theChainIsUnmodifiable() {
        assertThrows(UnsupportedOperationException.class, () -> ec.chain().clear());
    }
}
