package org.mailwire.pop3.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailwire.pop3.client.ClientFixtures.await;
import static org.mailwire.pop3.client.ClientFixtures.b64;
import static org.mailwire.pop3.client.ClientFixtures.connect;
import static org.mailwire.pop3.client.ClientFixtures.connecting;
import static org.mailwire.pop3.client.ClientFixtures.failure;
import static org.mailwire.pop3.client.ClientFixtures.plain;
import static org.mailwire.pop3.client.ClientFixtures.tls;
import static org.mailwire.transport.testing.ScriptedServer.Script.script;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailwire.pop3.ResponseCode;
import org.mailwire.pop3.StatusLine;
import org.mailwire.transport.testing.TestTls;
import org.mailwire.transport.testing.ScriptedServer;

/** UTF8 and LANG (RFC 6856 §§2-3), byte for byte against a scripted server. */
class Pop3ClientUtf8Test {
    private static final String USER = "jörg";
    private static final String PASSWORD = "pässwörd 秘密";

    private static ScriptedServer.Script greeted(String... capa) {
        String[] lines = new String[capa.length + 2];
        lines[0] = "+OK capabilities";
        System.arraycopy(capa, 0, lines, 1, capa.length);
        lines[lines.length - 1] = ".";
        return script().send("+OK ready").expect("CAPA").send(lines);
    }

    // ---- UTF8 during the opening ----

    /** The option sends UTF8 after CAPA and before USER, whose UTF-8 name and password then go out as they are. */
    @Test
    void optionSendsUtf8BeforeUserWithAUtf8Name() throws Exception {
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("USER", "UTF8 USER")
                .expect("UTF8").send("+OK UTF8 enabled")
                .expect("USER " + USER).send("+OK")
                .expect("PASS " + PASSWORD).send("+OK maildrop ready")
                .expect("QUIT").send("+OK bye"))) {
            Pop3Client client = connect(server, tls().utf8(true).password(USER, PASSWORD)
                    .loginMethods(List.of(Pop3LoginMethod.USER_PASS)).build());

            assertTrue(client.isUtf8());
            assertTrue(client.isAuthenticated());
            await(client.quit());
            server.verify();
        }
    }

    /** RFC 2595 §4: STLS forgets the session's state, so UTF8 goes after it, inside TLS. */
    @Test
    void optionSendsUtf8AfterStls() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("+OK ready")
                .expect("CAPA").send("+OK", "STLS", "UTF8 USER", ".")
                .expect("STLS").send("+OK begin TLS negotiation")
                .startTls()
                .expect("CAPA").send("+OK", "USER", "UTF8 USER", ".")
                .expect("UTF8").send("+OK")
                .expect("USER " + USER).send("+OK")
                .expect("PASS " + PASSWORD).send("+OK"))) {
            Pop3Client client = connect(server, plain().startTlsPolicy(StartTlsPolicy.REQUIRED)
                    .clientTls(TestTls.CLIENT).utf8(true).password(USER, PASSWORD).build());

            assertTrue(client.isSecure());
            assertTrue(client.isUtf8());
            assertTrue(client.isAuthenticated());
            server.verify();
        }
    }

    /** With ASCII credentials the option still sends UTF8 when offered; a server that does not offer it gets none. */
    @Test
    void optionSendsNothingWhenUtf8IsNotListed() throws Exception {
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("USER")
                .expect("USER tim").send("+OK")
                .expect("PASS secret").send("+OK"))) {
            Pop3Client client = connect(server, tls().utf8(true).password("tim", "secret").build());

            assertFalse(client.isUtf8());
            assertTrue(client.isAuthenticated());
            server.verify();
        }
    }

    /** No UTF8 listed: a UTF-8 user name fails before USER is sent, with QUIT the only command after CAPA. */
    @Test
    void utf8NameWithoutTheCapabilityFailsBeforeUser() throws Exception {
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("USER")
                .expect("QUIT").send("+OK bye")
                .expectEnd())) {
            MissingCapabilityException missing = failure(MissingCapabilityException.class,
                    connecting(server, tls().utf8(true).password(USER, "secret").build()));

            assertEquals("UTF8", missing.capability());
            assertTrue(missing.getMessage().contains("CAPA does not list UTF8"), missing.getMessage());
            assertFalse(missing.getMessage().contains("secret"));
            server.verify();
        }
    }

    /** The option off: UTF8 is never sent, so a UTF-8 password fails before USER, and the message says why. */
    @Test
    void utf8PasswordWithTheOptionOffFailsBeforeUser() throws Exception {
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("USER", "UTF8 USER")
                .expect("QUIT").send("+OK bye")
                .expectEnd())) {
            MissingCapabilityException missing = failure(MissingCapabilityException.class,
                    connecting(server, tls().password("tim", PASSWORD).build()));

            assertTrue(missing.getMessage().contains("Pop3ClientOptions.utf8 is off"), missing.getMessage());
            assertFalse(missing.getMessage().contains(PASSWORD));
            server.verify();
        }
    }

    /** UTF8 listed without USER (RFC 6856 §2): the session is UTF-8, but user names and passwords stay ASCII. */
    @Test
    void utf8WithoutItsUserArgumentKeepsTheLoginAscii() throws Exception {
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("USER", "UTF8")
                .expect("UTF8").send("+OK")
                .expect("QUIT").send("+OK bye")
                .expectEnd())) {
            MissingCapabilityException missing = failure(MissingCapabilityException.class,
                    connecting(server, tls().utf8(true).password(USER, "secret").build()));

            assertTrue(missing.getMessage().contains("without USER"), missing.getMessage());
            server.verify();
        }
    }

    /** A refused UTF8 leaves the session in ASCII; ASCII credentials log in all the same. */
    @Test
    void refusedUtf8LeavesTheSessionAscii() throws Exception {
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("USER", "UTF8 USER")
                .expect("UTF8").send("-ERR not now")
                .expect("USER tim").send("+OK")
                .expect("PASS secret").send("+OK"))) {
            Pop3Client client = connect(server, tls().utf8(true).password("tim", "secret").build());

            assertFalse(client.isUtf8());
            assertTrue(client.isAuthenticated());
            server.verify();
        }
    }

    /**
     * SASL carries UTF-8 in base64 whatever the session: without UTF8, a UTF-8 name skips USER/PASS
     * for the next method configured that the server offers.
     */
    @Test
    void utf8NameWithoutUtf8UsesSaslInstead() throws Exception {
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("USER", "SASL PLAIN")
                .expect("AUTH PLAIN " + b64("\0" + USER + "\0" + PASSWORD)).send("+OK"))) {
            Pop3Client client = connect(server, tls().password(USER, PASSWORD)
                    .loginMethods(List.of(Pop3LoginMethod.USER_PASS, Pop3LoginMethod.PLAIN)).build());

            assertFalse(client.isUtf8());
            assertTrue(client.isAuthenticated());
            server.verify();
        }
    }

    // ---- utf8() ----

    @Test
    void utf8CommandBeforeLogin() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("UTF8 USER", "PIPELINING")
                .expect("UTF8").send("+OK UTF8 enabled")
                .expect("QUIT").send("+OK bye"))) {
            Pop3Client client = connect(server, plain().build());
            assertFalse(client.isUtf8());

            assertEquals(StatusLine.ok("UTF8 enabled"), await(client.utf8()));
            assertTrue(client.isUtf8());
            await(client.quit());
            server.verify();
        }
    }

    /** Not listed in CAPA: refused without sending anything; the connection stays usable. */
    @Test
    void utf8CommandRefusedWithoutTheCapability() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("USER")
                .expect("NOOP").send("+OK")
                .expect("QUIT").send("+OK bye"))) {
            Pop3Client client = connect(server, plain().build());

            MissingCapabilityException missing = failure(MissingCapabilityException.class, client.utf8());
            assertEquals("UTF8", missing.capability());
            assertFalse(client.isUtf8());
            await(client.noop());
            await(client.quit());
            server.verify();
        }
    }

    @Test
    void utf8CommandRefusedByTheServer() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("UTF8")
                .expect("UTF8").send("-ERR [SYS/TEMP] try later"))) {
            Pop3Client client = connect(server, plain().build());

            Pop3ResponseException refused = failure(Pop3ResponseException.class, client.utf8());
            assertEquals("UTF8", refused.command());
            assertEquals(ResponseCode.SYS_TEMP, refused.responseCode().orElseThrow());
            assertFalse(client.isUtf8());
            server.verify();
        }
    }

    /** RFC 6856 §2: UTF8 is an AUTHORIZATION state command; after the login it is a caller's mistake. */
    @Test
    void utf8CommandAfterLoginIsRefused() throws Exception {
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("USER", "UTF8 USER")
                .expect("USER tim").send("+OK")
                .expect("PASS secret").send("+OK")
                .expect("NOOP").send("+OK"))) {
            Pop3Client client = connect(server, tls().password("tim", "secret").build());

            assertThrows(IllegalStateException.class, client::utf8);
            assertThrows(IllegalStateException.class, () -> client.blocking().utf8());
            await(client.noop());
            server.verify();
        }
    }

    // ---- LANG ----

    @Test
    void languageListing() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("LANG")
                .expect("LANG").send("+OK Language listing follows", "en English", "es Español", "de-CH",
                        "zh-Hant 繁體中文", "."))) {
            Pop3Client client = connect(server, plain().build());

            assertEquals(List.of(new Pop3Language("en", "English"), new Pop3Language("es", "Español"),
                    new Pop3Language("de-CH", ""), new Pop3Language("zh-Hant", "繁體中文")),
                    await(client.languages()));
            server.verify();
        }
    }

    @Test
    void languageSelection() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("LANG", "RESP-CODES")
                .expect("LANG es").send("+OK es Idioma cambiado")
                .expect("LANG *").send("+OK en Language changed")
                .expect("LANG tlh").send("-ERR invalid language tlh")
                .expect("STAT").send("+OK 0 0"))) {
            Pop3Client client = connect(server, plain().build());

            assertEquals(StatusLine.ok("es Idioma cambiado"), await(client.language("es")));
            assertEquals(StatusLine.ok("en Language changed"), await(client.language("*")));
            Pop3ResponseException refused = failure(Pop3ResponseException.class, client.language("tlh"));
            assertEquals("LANG", refused.command());
            assertEquals(new MaildropStat(0, 0), await(client.stat()), "still in step");
            server.verify();
        }
    }

    /** LANG not in CAPA, or a tag that is not a language range: nothing is sent. */
    @Test
    void languageRefusedWithoutTheCapabilityOrWithABadTag() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("USER")
                .expect("QUIT").send("+OK bye")
                .expectEnd())) {
            Pop3Client client = connect(server, plain().build());

            assertEquals("LANG", failure(MissingCapabilityException.class, client.languages()).capability());
            assertEquals("LANG", failure(MissingCapabilityException.class, client.language("en")).capability());
            assertThrows(IllegalArgumentException.class, () -> client.language("en\r\nDELE 1"));
            assertThrows(IllegalArgumentException.class, () -> client.language(""));
            await(client.quit());
            server.verify();
        }
    }

    @Test
    void blockingLanguages() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("LANG", "UTF8")
                .expect("UTF8").send("+OK")
                .expect("LANG").send("+OK", "en English", ".")
                .expect("LANG en").send("+OK en Language changed")
                .expect("QUIT").send("+OK bye"))) {
            BlockingPop3Client client = connect(server, plain().build()).blocking();

            assertTrue(client.utf8().ok());
            assertEquals(List.of(new Pop3Language("en", "English")), client.languages());
            assertEquals("en Language changed", client.language("en").text());
            assertTrue(client.quit());
            server.verify();
        }
    }

    @Test
    void languageListingLines() {
        assertEquals(new Pop3Language("en", "English"), Pop3Language.parse("en English"));
        assertEquals(new Pop3Language("sr-Latn-RS", "srpski (latinica)"),
                Pop3Language.parse("sr-Latn-RS srpski (latinica)"));
        assertEquals(new Pop3Language("fr", ""), Pop3Language.parse("fr"));
        assertThrows(IllegalArgumentException.class, () -> Pop3Language.parse("* anything"));
        assertThrows(IllegalArgumentException.class, () -> Pop3Language.parse(" English"));
        assertThrows(IllegalArgumentException.class, () -> Pop3Language.parse(""));
    }

    @Test
    void utf8OptionDefaultsOffAndSurvivesMutate() {
        assertFalse(Pop3ClientOptions.defaults().utf8());
        Pop3ClientOptions on = plain().utf8(true).build();
        assertTrue(on.utf8());
        assertEquals(on, on.mutate().build());
        assertTrue(on.toString().contains("utf8=true"));
    }
}
