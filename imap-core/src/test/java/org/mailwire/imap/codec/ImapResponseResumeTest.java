package org.mailwire.imap.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A response with literals is parsed again at each literal, resuming where the previous parse
 * stopped and stepping over what it finished. The same response with every string quoted has no
 * literal and is parsed once from the start, so it is the reference: both forms must give the same
 * events, the same failures included, in any chunking.
 *
 * <p>A template marks strings as {@code «text»}; the literal form sends each as {@code {n}} CRLF
 * text, the quoted form as {@code "text"}.
 */
class ImapResponseResumeTest {

    private static final Pattern STRING = Pattern.compile("«([^»]*)»");

    /** An ENVELOPE with literals in its fields and in addresses, groups included. */
    private static final String ENVELOPE = "ENVELOPE («Mon, 7 Feb 1994 21:52:25 -0800» «Grüße»"
            + " ((«Ann» NIL «ann» «example.org»)) NIL NIL"
            + " ((NIL NIL «team» NIL)(«Bob» NIL «bob» «x.org»)(NIL NIL NIL NIL)) NIL NIL NIL «<id@x>»)";

    /** Multipart, nested message/rfc822 with its own envelope, extension data with literals. */
    private static final String BODYSTRUCTURE = "BODYSTRUCTURE ("
            + "(«TEXT» «PLAIN» («CHARSET» «UTF-8») NIL NIL «7BIT» 10 1 NIL NIL NIL NIL)"
            + "(«MESSAGE» «RFC822» NIL NIL NIL «7BIT» 300"
            + " (NIL «inner» ((«Cé» NIL «c» «y.org»)) NIL NIL NIL NIL NIL NIL NIL)"
            + " ((«TEXT» «HTML» NIL NIL NIL «BASE64» 20 2 NIL NIL NIL NIL)"
            + "(«APPLICATION» «PDF» («NAME» «f.pdf») NIL NIL «BASE64» 30 NIL («ATTACHMENT» («FILENAME» «f.pdf»))"
            + " «en» NIL) «MIXED» NIL NIL NIL NIL) 12 NIL NIL NIL NIL)"
            + " «MIXED» («BOUNDARY» «b1») NIL («de» «en») «http://x/»)";

    private static final String FETCH = "* 12 FETCH (UID 5 " + ENVELOPE + " " + BODYSTRUCTURE
            + " BODY[HEADER] {5}\r\nhello PREVIEW «a preview» FLAGS (\\Seen))\r\n";

    private static String literals(String template) {
        Matcher m = STRING.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String text = m.group(1);
            int n = text.getBytes(StandardCharsets.UTF_8).length;
            m.appendReplacement(out, Matcher.quoteReplacement("{" + n + "}\r\n" + text));
        }
        return m.appendTail(out).toString();
    }

    private static String quoted(String template) {
        return STRING.matcher(template).replaceAll(r -> Matcher.quoteReplacement("\"" + r.group(1) + "\""));
    }

    private static List<String> events(String wire, ImapResponseDecoderConfig config, int chunk) {
        byte[] bytes = wire.getBytes(StandardCharsets.UTF_8);
        return ClientFeed.feed(bytes, new int[] {chunk}, config, chunk % 2 == 0).events();
    }

    /** Checks both forms give the same events; returns the last one. */
    private static String sameEvents(String template, ImapResponseDecoderConfig config) {
        List<String> reference = events(quoted(template), config, Integer.MAX_VALUE);
        for (int chunk : new int[] {1, 2, 7, 64, Integer.MAX_VALUE}) {
            assertEquals(reference, events(literals(template), config, chunk), "chunk " + chunk);
        }
        return reference.get(reference.size() - 1);
    }

    @Test
    void fetchWithLiteralsEverywhereReadsAsItsQuotedForm() {
        ImapResponseDecoderConfig config = ImapResponseDecoderConfig.defaults();
        List<String> reference = events(quoted(FETCH), config, Integer.MAX_VALUE);
        assertTrue(reference.get(reference.size() - 1).startsWith("response "), reference.toString());
        assertTrue(literals(FETCH).split("\r\n").length > 40, "the literal form has a literal per string");
        sameEvents(FETCH, config);
    }

    /** The FETCH has six body parts: the limit is crossed at the sixth part or earlier. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void bodyPartLimitIsMetAtTheSamePlace(int maxParts) {
        String last = sameEvents(FETCH, ImapResponseDecoderConfig.defaults().withMaxBodyParts(maxParts));
        if (maxParts < 6) {
            assertEquals("violation TOO_MANY_PARTS", last);
        } else {
            assertTrue(last.startsWith("response "), last);
        }
    }

    /** The FETCH nests body parts four deep. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void bodyNestingLimitIsMetAtTheSamePlace(int maxNesting) {
        assertEquals("violation BODY_TOO_DEEP",
                sameEvents(FETCH, ImapResponseDecoderConfig.defaults().withMaxBodyNesting(maxNesting)));
    }

    /** The FETCH has a list of three addresses and six items. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void listLimitIsMetAtTheSamePlace(int maxList) {
        assertEquals("violation LIST_TOO_LONG",
                sameEvents(FETCH, ImapResponseDecoderConfig.defaults().withMaxListLength(maxList)));
    }

    @Test
    void aSyntaxErrorAfterLiteralsIsTheSameFailure() {
        assertEquals("violation SYNTAX_ERROR", sameEvents(FETCH.replace("«f.pdf») NIL NIL", "«f.pdf») NIL NIL NIL"),
                ImapResponseDecoderConfig.defaults()));
        assertEquals("violation SYNTAX_ERROR", sameEvents(FETCH.replace("«bob» «x.org»", "«bob» «x.org» «extra»"),
                ImapResponseDecoderConfig.defaults()));
    }

    @Test
    void nonFetchResponsesWithLiterals() {
        assertTrue(sameEvents("* ID («name» «Mailwire» «version» «1.0» «os» NIL)\r\n",
                ImapResponseDecoderConfig.defaults()).startsWith("response "));
        assertTrue(sameEvents("* LIST () \"/\" «Entwürfe» («CHILDINFO» («SUBSCRIBED»))\r\n",
                ImapResponseDecoderConfig.defaults()).startsWith("response "));
    }
}
