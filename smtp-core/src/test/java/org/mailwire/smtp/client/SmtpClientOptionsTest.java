package org.mailwire.smtp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mailwire.smtp.codec.SmtpDecoderConfig;
import org.mailwire.transport.testing.TestTls;

class SmtpClientOptionsTest {

    @Test
    void defaults() {
        SmtpClientOptions options = SmtpClientOptions.builder().clientTls(TestTls.CLIENT).build();
        assertEquals(StartTlsPolicy.OPTIONAL, options.startTlsPolicy());
        assertTrue(options.useBdat());
        assertEquals(16 * 1024, options.decoderConfig().maxReplyLineLength());
        assertEquals(256 * 1024, options.decoderConfig().maxReplySize());
        assertEquals(SmtpClientOptions.DEFAULT_MECHANISMS, options.mechanisms());
    }

    @Test
    void mutateKeepsEverythingNotChanged() {
        SmtpClientOptions original = SmtpClientOptions.builder().clientTls(TestTls.CLIENT).ehloName("a.example")
                .useBdat(false).lmtp(true).readTimeout(Duration.ofSeconds(7)).chunkSize(99)
                .decoderConfig(SmtpDecoderConfig.defaults()).build();
        SmtpClientOptions changed = original.mutate().chunkSize(100).build();
        assertNotSame(original, changed);
        assertEquals(original, changed.mutate().chunkSize(99).build());
    }

    /** Credentials make OPTIONAL into REQUIRED, also when added to existing options. */
    @Test
    void credentialsRequireTls() {
        SmtpClientOptions optional = SmtpClientOptions.builder().clientTls(TestTls.CLIENT).build();
        assertEquals(StartTlsPolicy.REQUIRED, optional.mutate().password("u", "p").build().startTlsPolicy());
        assertEquals(StartTlsPolicy.DISABLED, SmtpClientOptions.builder().implicitTls(true)
                .clientTls(TestTls.CLIENT).startTlsPolicy(StartTlsPolicy.DISABLED).password("u", "p").build()
                .startTlsPolicy());
        assertThrows(IllegalArgumentException.class, () -> SmtpClientOptions.builder().maxPipelinedCommands(2).build());
    }
}
