package org.mailwire.tls;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.mailwire.tls.internal.DnsName;
import org.mailwire.tls.internal.IpLiteral;
import org.mailwire.tls.internal.Printable;

/**
 * Checks that a server certificate names the host a mail client meant to reach: RFC 6125 as
 * profiled for SMTP, POP3 and IMAP by RFC 7817 section 3.
 *
 * <ul>
 *   <li>A DNS host name matches only dNSName subject alternative names, compared as ASCII without
 *       regard to case, with a trailing dot on either side ignored (RFC 6125 section 6.4.1).</li>
 *   <li>A wildcard is accepted only as the complete left-most label, and matches exactly one label:
 *       {@code *.example.com} matches {@code a.example.com}, not {@code example.com} nor
 *       {@code a.b.example.com} (RFC 7817 section 3, RFC 6125 section 6.4.3). Partial-label
 *       wildcards ({@code f*o.example.com}) match nothing, and so do wildcards over fewer than two
 *       labels ({@code *.com}), which would cover a whole top-level domain.</li>
 *   <li>An IPv4 or IPv6 literal matches only iPAddress subject alternative names, byte for byte;
 *       never a DNS name and never the common name.</li>
 *   <li>The subject common name is considered only when the certificate has no subjectAltName
 *       extension at all. RFC 6125 section 6.4.4 deprecates the CN; it stays as a fallback only for
 *       old private-CA certificates, because a certificate that carries SANs has told us its full
 *       list of names and a CN beside it must not widen that list.</li>
 * </ul>
 *
 * <p>Internationalised names must be passed as A-labels ({@code xn--...}); no public-suffix list is
 * consulted, so a wildcard such as {@code *.co.uk} is not recognised as too broad: CAs refuse to
 * issue those.
 */
public final class MailHostnameVerifier {

    private static final int MAX_NAMES_IN_MESSAGE = 10;

    private MailHostnameVerifier() {
    }

    /**
     * @param host a DNS host name or an IP literal (IPv6 optionally in brackets)
     * @throws CertificateRejectedException with reason {@link CertificateRejectedException.Reason#HOSTNAME_MISMATCH}
     *                                      when the certificate does not name {@code host}
     */
    public static void verify(String host, X509Certificate cert) throws CertificateException {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(cert, "cert");
        PresentedNames names = PresentedNames.of(cert);
        Optional<byte[]> address = IpLiteral.parse(host);
        if (address.isPresent()) {
            for (byte[] presented : names.addresses()) {
                if (Arrays.equals(presented, address.get())) {
                    return;
                }
            }
            throw mismatch(host, names);
        }
        String canonicalHost = DnsName.canonical(host);
        if (canonicalHost == null || canonicalHost.indexOf('*') >= 0 || hasNumericTopLabel(canonicalHost)) {
            throw new CertificateRejectedException(CertificateRejectedException.Reason.HOSTNAME_MISMATCH,
                    "certificate does not match host '" + Printable.of(host) + "': not a valid host name");
        }
        List<String> candidates = names.hasAltNames() ? names.dnsNames() : names.commonNames();
        for (String presented : candidates) {
            if (matchesDnsName(canonicalHost, presented)) {
                return;
            }
        }
        throw mismatch(host, names);
    }

    /** "192.0.2.1." or "1.2.3" is a mangled address, never a DNS name: it must not match a dNSName. */
    private static boolean hasNumericTopLabel(String canonicalHost) {
        String top = canonicalHost.substring(canonicalHost.lastIndexOf('.') + 1);
        return top.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** {@link #verify} as a predicate. */
    public static boolean matches(String host, X509Certificate cert) {
        try {
            verify(host, cert);
            return true;
        } catch (CertificateException e) {
            return false;
        }
    }

    /** @param canonicalHost from {@link DnsName#canonical}; @param presented as written in the certificate */
    static boolean matchesDnsName(String canonicalHost, String presented) {
        String pattern = DnsName.canonical(presented);
        if (pattern == null) {
            return false;
        }
        int star = pattern.indexOf('*');
        if (star < 0) {
            return pattern.equals(canonicalHost);
        }
        if (!pattern.startsWith("*.") || pattern.indexOf('*', 1) >= 0) {
            return false;
        }
        String suffix = pattern.substring(2);
        if (suffix.indexOf('.') < 0) {
            return false;
        }
        int firstDot = canonicalHost.indexOf('.');
        return firstDot > 0 && canonicalHost.substring(firstDot + 1).equals(suffix);
    }

    private static CertificateRejectedException mismatch(String host, PresentedNames names) {
        return new CertificateRejectedException(CertificateRejectedException.Reason.HOSTNAME_MISMATCH,
                "certificate for " + names.describe(MAX_NAMES_IN_MESSAGE) + " does not match host '" + Printable.of(host) + "'");
    }

    /** The identities a certificate presents, read from its DER encoding rather than a provider's view of it. */
    private record PresentedNames(boolean hasAltNames, List<String> dnsNames, List<byte[]> addresses,
                                  List<String> commonNames) {

        static PresentedNames of(X509Certificate cert) throws CertificateException {
            List<String> dns = new ArrayList<>();
            List<byte[]> ips = new ArrayList<>();
            byte[] extension = cert.getExtensionValue(Extension.subjectAlternativeName.getId());
            if (extension != null) {
                try {
                    GeneralNames altNames = GeneralNames.getInstance(
                            ASN1OctetString.getInstance(extension).getOctets());
                    for (GeneralName name : altNames.getNames()) {
                        if (name.getTagNo() == GeneralName.dNSName) {
                            dns.add(((ASN1String) name.getName()).getString());
                        } else if (name.getTagNo() == GeneralName.iPAddress) {
                            ips.add(ASN1OctetString.getInstance(name.getName()).getOctets());
                        }
                    }
                } catch (RuntimeException e) {
                    throw new CertificateRejectedException(CertificateRejectedException.Reason.HOSTNAME_MISMATCH,
                            "certificate has a malformed subjectAltName extension", e);
                }
            }
            List<String> cns = new ArrayList<>();
            if (extension == null) {
                X500Name subject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
                RDN[] rdns = subject.getRDNs(BCStyle.CN);
                // the most specific (last) CN, as RFC 6125 section 6.4.4 leaves it to the client and
                // browsers have always done
                if (rdns.length > 0 && rdns[rdns.length - 1].getFirst().getValue() instanceof ASN1String cn) {
                    cns.add(cn.getString());
                }
            }
            return new PresentedNames(extension != null, dns, ips, cns);
        }

        String describe(int max) {
            List<String> all = new ArrayList<>();
            if (!hasAltNames) {
                commonNames.forEach(cn -> all.add("CN " + Printable.of(cn)));
            }
            dnsNames.forEach(name -> all.add(Printable.of(name)));
            for (byte[] ip : addresses) {
                all.add("IP " + formatAddress(ip));
            }
            if (all.isEmpty()) {
                return "no host name";
            }
            String shown = String.join(", ", all.subList(0, Math.min(max, all.size())));
            return "[" + (all.size() > max ? shown + ", ... " + (all.size() - max) + " more" : shown) + "]";
        }

        private static String formatAddress(byte[] ip) {
            try {
                return java.net.InetAddress.getByAddress(ip).getHostAddress();
            } catch (IOException e) {
                return "(" + ip.length + " bytes)";
            }
        }
    }
}
