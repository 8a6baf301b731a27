package org.mailwire.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6125 as profiled for mail by RFC 7817 section 3: one test per rule. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailHostnameVerifierTest {

    private KeyPair keys;

    @BeforeAll
    void keys() {
        keys = TestPki.ecKeyPair();
    }

    private X509Certificate dns(String... names) {
        return TestPki.withNames(keys, "CN=ignored.example.com", List.of(names), null);
    }

    @ParameterizedTest(name = "{0} vs {1}: {2}")
    @CsvSource({
            "mail.example.com,      mail.example.com,    true",
            "MAIL.Example.COM,      mail.example.com,    true",
            "mail.example.com,      MAIL.EXAMPLE.COM,    true",
            "mail.example.com.,     mail.example.com,    true",
            "mail.example.com,      mail.example.com.,   true",
            "mail.example.com,      example.com,         false",
            "example.com,           mail.example.com,    false",
            "mail.example.com,      mail.example.co,     false",
            "mail.example.com,      mailexample.com,     false",
            // wildcards: only the whole left-most label, exactly one label
            "a.example.com,         *.example.com,       true",
            "A.EXAMPLE.COM.,        *.Example.Com,       true",
            "example.com,           *.example.com,       false",
            "a.b.example.com,       *.example.com,       false",
            ".example.com,          *.example.com,       false",
            "foo.example.com,       f*o.example.com,     false",
            "fo.example.com,        f*.example.com,      false",
            "xfoo.example.com,      *foo.example.com,    false",
            "a.b.example.com,       a.*.example.com,     false",
            "a.example.com,         *.*.com,             false",
            "example.com,           *.com,               false",
            "a.com,                 *.com,               false",
            "com,                   *,                   false",
            "a.example.com,         **.example.com,      false",
            "a.example.com,         *.example.com.,      true",
            // malformed presented names never match
            "a..example.com,        a..example.com,      false",
            "*.example.com,         *.example.com,       false",
    })
    void dnsNames(String host, String presented, boolean matches) {
        assertEquals(matches, MailHostnameVerifier.matches(host, dns(presented)), host + " vs " + presented);
    }

    @Test
    void anyOfSeveralSansMatches() {
        X509Certificate cert = dns("imap.example.com", "smtp.example.com", "*.mx.example.com");
        assertTrue(MailHostnameVerifier.matches("smtp.example.com", cert));
        assertTrue(MailHostnameVerifier.matches("imap.example.com", cert));
        assertTrue(MailHostnameVerifier.matches("eu.mx.example.com", cert));
        assertFalse(MailHostnameVerifier.matches("pop.example.com", cert));
    }

    @Test
    void commonNameIsIgnoredWhenADnsSanIsPresent() {
        X509Certificate cert = TestPki.withNames(keys, "CN=cn.example.com", List.of("san.example.com"), null);
        assertTrue(MailHostnameVerifier.matches("san.example.com", cert));
        assertFalse(MailHostnameVerifier.matches("cn.example.com", cert));
    }

    @Test
    void commonNameIsIgnoredWhenOnlyIpSansArePresent() {
        X509Certificate cert = TestPki.withNames(keys, "CN=cn.example.com", null, List.of("192.0.2.1"));
        assertFalse(MailHostnameVerifier.matches("cn.example.com", cert));
    }

    @Test
    void commonNameIsTheFallbackOnlyWithoutAnySan() {
        X509Certificate cert = TestPki.withNames(keys, "O=Example, CN=legacy.example.com", null, null);
        assertTrue(MailHostnameVerifier.matches("legacy.example.com", cert));
        assertTrue(MailHostnameVerifier.matches("LEGACY.example.com.", cert));
        assertFalse(MailHostnameVerifier.matches("other.example.com", cert));
    }

    @Test
    void theMostSpecificCommonNameIsUsed() {
        X509Certificate cert = TestPki.withNames(keys, "CN=first.example.com, CN=last.example.com", null, null);
        assertEquals(1, List.of(MailHostnameVerifier.matches("first.example.com", cert),
                MailHostnameVerifier.matches("last.example.com", cert)).stream().filter(b -> b).count());
    }

    @Test
    void ipLiteralsMatchOnlyIpAddressSans() {
        X509Certificate cert = TestPki.withNames(keys, "CN=192.0.2.7",
                List.of("192.0.2.8", "mail.example.com"), List.of("192.0.2.9", "2001:db8::9"));
        assertTrue(MailHostnameVerifier.matches("192.0.2.9", cert));
        assertTrue(MailHostnameVerifier.matches("2001:db8::9", cert));
        assertTrue(MailHostnameVerifier.matches("2001:DB8:0:0:0:0:0:9", cert));
        assertTrue(MailHostnameVerifier.matches("[2001:db8::9]", cert));
        // neither the CN nor a dNSName holding an address text counts for an IP literal
        assertFalse(MailHostnameVerifier.matches("192.0.2.7", cert));
        assertFalse(MailHostnameVerifier.matches("192.0.2.8", cert));
        assertFalse(MailHostnameVerifier.matches("2001:db8::8", cert));
    }

    @Test
    void ipv4DoesNotMatchItsIpv4MappedIpv6Form() {
        X509Certificate cert = TestPki.withNames(keys, "CN=x", null, List.of("::ffff:192.0.2.1"));
        assertFalse(MailHostnameVerifier.matches("192.0.2.1", cert));
        assertTrue(MailHostnameVerifier.matches("::ffff:192.0.2.1", cert));
    }

    @Test
    void aDnsHostNeverMatchesAnIpSan() {
        X509Certificate cert = TestPki.withNames(keys, "CN=x", null, List.of("127.0.0.1"));
        assertFalse(MailHostnameVerifier.matches("localhost", cert));
    }

    @Test
    void mismatchNamesTheHostAndThePresentedNames() {
        X509Certificate cert = TestPki.withNames(keys, "CN=x", List.of("mail.example.com"), List.of("192.0.2.1"));
        CertificateRejectedException e = assertThrows(CertificateRejectedException.class,
                () -> MailHostnameVerifier.verify("other.example.com", cert));
        assertEquals(CertificateRejectedException.Reason.HOSTNAME_MISMATCH, e.reason());
        assertEquals("certificate for [mail.example.com, IP 192.0.2.1] does not match host 'other.example.com'",
                e.getMessage());
    }

    @Test
    void controlCharactersInTheHostCannotForgeLogLines() {
        CertificateRejectedException e = assertThrows(CertificateRejectedException.class,
                () -> MailHostnameVerifier.verify("evil\r\nINFO fake", dns("mail.example.com")));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void refusesHostsThatAreNotNames() {
        assertFalse(MailHostnameVerifier.matches("", dns("mail.example.com")));
        assertFalse(MailHostnameVerifier.matches("mail..example.com", dns("mail..example.com")));
        assertFalse(MailHostnameVerifier.matches("m\u00e4il.example.com", dns("m\u00e4il.example.com")));
        // an address with a trailing dot, or a short BSD-style address, is not a DNS name either
        assertFalse(MailHostnameVerifier.matches("192.0.2.1.", dns("192.0.2.1")));
        assertFalse(MailHostnameVerifier.matches("1.2.3", dns("1.2.3")));
    }
}
