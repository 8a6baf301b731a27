package org.mailwire.transport.sasl;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a {@link SaslServerExchange} asks the protocol to do next.
 *
 * <p>Byte arrays are copied in and out, so a step can be handed around freely. {@code toString}
 * shows lengths only: challenges and additional data are not secrets, but protocol traces must
 * mask AUTH exchanges wholesale (SECURITY.md row 16), and a record's default {@code toString}
 * would print them.
 */
public sealed interface SaslStep {

    /**
     * Send {@code data} to the client ({@code 334 base64} in SMTP, {@code + base64} in IMAP and
     * POP3) and pass its answer to {@link SaslServerExchange#respond}. Empty data is an empty
     * challenge ({@code "334 "}, {@code "+ "}).
     */
    record Challenge(byte[] data) implements SaslStep {
        public Challenge {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Challenge that && Arrays.equals(data, that.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Challenge[" + data.length + " octets]";
        }
    }

    /**
     * Authenticated as {@code identity}. {@code additionalData} is empty except for SCRAM, where
     * it is the server-final message ({@code v=...}) the client needs to authenticate the server
     * (RFC 5802 §3). The protocol decides how it travels (RFC 4422 §5 "additional data with
     * success"): as one more challenge answered by an empty response before the success reply,
     * or inside the success reply where the protocol has room for it. Our clients accept both
     * ({@link SaslClientMechanism#respond} and {@link SaslClientMechanism#verifyServerFinal}).
     */
    record Success(String identity, byte[] additionalData) implements SaslStep {
        public Success {
            Objects.requireNonNull(identity, "identity");
            additionalData = additionalData.clone();
        }

        @Override
        public byte[] additionalData() {
            return additionalData.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Success that && identity.equals(that.identity)
                    && Arrays.equals(additionalData, that.additionalData);
        }

        @Override
        public int hashCode() {
            return identity.hashCode() * 31 + Arrays.hashCode(additionalData);
        }

        @Override
        public String toString() {
            return "Success[identity=" + identity + ", " + additionalData.length + " octets]";
        }
    }

    /** Not authenticated; the exchange is over. */
    record Failure(FailureReason reason) implements SaslStep {
        public Failure {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
