package org.mailwire.tls;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

class MailHostnameVerifierProperties {

    private static KeyPair keys;

    @BeforeContainer
    static void keys() {
        keys = TestPki.ecKeyPair();
    }

    private static X509Certificate certificateFor(String... names) {
        return TestPki.withNames(keys, "CN=ignored", List.of(names), null);
    }

    @Provide
    Arbitrary<String> label() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofMinLength(1).ofMaxLength(12);
    }

    /** Host names as lists of labels; the top label has a letter, as an all-numeric one is no domain. */
    @Provide
    Arbitrary<List<String>> hostLabels() {
        Arbitrary<String> top = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz").ofMinLength(1).ofMaxLength(6);
        return Combinators.combine(label().list().ofMinSize(1).ofMaxSize(4), top).as((labels, tld) -> {
            List<String> all = new java.util.ArrayList<>(labels);
            all.add(tld);
            return List.copyOf(all);
        });
    }

    /** Randomly upper-cases letters, with or without a trailing dot. */
    private static String variant(String host, long seed, boolean trailingDot) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            b.append(((seed >>> (i % 64)) & 1) == 1 ? Character.toUpperCase(c) : c);
        }
        return trailingDot ? b + "." : b.toString();
    }

    @Property(tries = 60)
    boolean matchingIgnoresAsciiCaseAndTrailingDots(@ForAll("hostLabels") List<String> labels, @ForAll long hostSeed,
                                                    @ForAll long sanSeed, @ForAll boolean hostDot, @ForAll boolean sanDot) {
        String host = String.join(".", labels);
        X509Certificate cert = certificateFor(variant(host, sanSeed, sanDot));
        return MailHostnameVerifier.matches(variant(host, hostSeed, hostDot), cert);
    }

    @Property(tries = 60)
    boolean aWildcardMatchesExactlyOneLeftMostLabel(@ForAll("label") String left, @ForAll("label") String extra,
                                                    @ForAll("hostLabels") List<String> base) {
        String suffix = String.join(".", base);
        X509Certificate cert = certificateFor("*." + suffix);
        boolean oneLabel = MailHostnameVerifier.matches(left + "." + suffix, cert);
        boolean twoLabels = MailHostnameVerifier.matches(extra + "." + left + "." + suffix, cert);
        boolean bare = MailHostnameVerifier.matches(suffix, cert);
        return oneLabel && !twoLabels && !bare;
    }

    @Property(tries = 60)
    boolean aDifferentHostNeverMatches(@ForAll("hostLabels") List<String> a, @ForAll("hostLabels") List<String> b) {
        String hostA = String.join(".", a);
        String hostB = String.join(".", b);
        boolean same = hostA.toLowerCase(Locale.ROOT).equals(hostB.toLowerCase(Locale.ROOT));
        return MailHostnameVerifier.matches(hostA, certificateFor(hostB)) == same;
    }

    @Provide
    Arbitrary<byte[]> ipv6() {
        return Arbitraries.bytes().array(byte[].class).ofSize(16);
    }

    @Property(tries = 60)
    boolean everyIpv6TextFormMatchesItsOwnAddress(@ForAll("ipv6") byte[] address) throws Exception {
        // the JDK's text form is uncompressed hex; the certificate holds the bytes
        String text = java.net.InetAddress.getByAddress(address).getHostAddress();
        String canonical = TestPkiIp.compressed(address);
        X509Certificate cert = TestPki.withNames(keys, "CN=x", null, List.of(canonical));
        return text.indexOf('.') >= 0 // an IPv4-mapped address comes back as IPv4 text; skip it
                || (MailHostnameVerifier.matches(text, cert) && MailHostnameVerifier.matches("[" + text + "]", cert));
    }

    @Property(tries = 30)
    boolean ipv4NeverMatchesDnsNames(@ForAll("octet") int a, @ForAll("octet") int b, @ForAll("octet") int c,
                                     @ForAll("octet") int d) {
        String ip = a + "." + b + "." + c + "." + d;
        return !MailHostnameVerifier.matches(ip, certificateFor(ip));
    }

    @Provide
    Arbitrary<Integer> octet() {
        return Arbitraries.integers().between(0, 255);
    }
}
