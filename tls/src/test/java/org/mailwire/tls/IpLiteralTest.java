package org.mailwire.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailwire.tls.internal.IpLiteral;

class IpLiteralTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "0.0.0.0", "255.255.255.255", "192.0.2.1", "::1", "::", "2001:db8::1",
            "2001:DB8:0:0:0:0:0:1", "[::1]", "fe80::1:2:3:4", "::ffff:192.0.2.1", "1:2:3:4:5:6:7:8", "1::8",
            "1:2:3:4:5:6::", "::2:3:4:5:6:7:8", "64:ff9b::192.0.2.33"})
    void parsesLiteralsLikeTheJdk(String literal) throws Exception {
        assertTrue(IpLiteral.isLiteral(literal), literal);
        byte[] ours = IpLiteral.parse(literal).orElseThrow();
        // safe: each of these is a literal, so getByName does no lookup
        byte[] jdk = InetAddress.getByName(literal).getAddress();
        if (jdk.length == 4 && ours.length == 16) {
            // the JDK turns ::ffff:a.b.c.d into an Inet4Address; a certificate keeps all 16 bytes
            assertArrayEquals(jdk, java.util.Arrays.copyOfRange(ours, 12, 16), literal);
        } else {
            assertArrayEquals(jdk, ours, literal);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.-4", "1..2.3", "a.b.c.d",
            "localhost", "mail.example.com", "1.2.3.4.", ":::", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::1",
            "fe80::1%eth0", "g::1", "[::1", "::1]", "1:2:3:4:5:6:7", "::1.2.3", "1.2.3.4::", "[1.2.3.4]",
            "1:2:3:4:5:6:7:1.2.3.4", "\u0661.2.3.4", "*.example.com"})
    void rejectsAnythingElse(String text) {
        assertFalse(IpLiteral.isLiteral(text), text);
    }
}
