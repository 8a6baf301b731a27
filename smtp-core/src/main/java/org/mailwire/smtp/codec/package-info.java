/**
 * The pure SMTP/LMTP codec: {@link org.mailwire.smtp.codec.SmtpCommandDecoder} (server side, with
 * DATA, BDAT and AUTH modes), {@link org.mailwire.smtp.codec.SmtpReplyDecoder} (client side), the
 * encoders and the client's {@link org.mailwire.transport.line.DotStuffer}, all bounded by one
 * {@link org.mailwire.smtp.codec.SmtpDecoderConfig}.
 *
 * <p>Pure by rule (checked by {@code SmtpCodecPurityTest}): the JDK, the model package and the
 * transport's line scanner only. No I/O, no MINA, no logging: a fuzzer drives it with byte buffers.
 */
package org.mailwire.smtp.codec;
