/**
 * The SMTP and LMTP model: commands ({@link org.mailwire.smtp.SmtpCommand}), replies
 * ({@link org.mailwire.smtp.SmtpReply}), paths, parameters and advertised capabilities.
 *
 * <p>Pure by rule (checked by {@code SmtpCodecPurityTest}): records and enums over the JDK only.
 * Every value validates itself at construction, so nothing built from this package can put CR,
 * LF or NUL on the wire.
 */
package org.mailwire.smtp;
