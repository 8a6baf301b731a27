/**
 * The SASL mechanisms that the SMTP (RFC 4954), POP3 (RFC 5034) and IMAP (RFC 9051 §6.2.2)
 * servers and clients share, so one {@link org.mailwire.transport.sasl.Authenticator} serves all
 * three protocols.
 *
 * <p>Server side: a protocol holds one {@link org.mailwire.transport.sasl.SaslServer}, asks it
 * which mechanisms to {@linkplain org.mailwire.transport.sasl.SaslServer#advertised advertise},
 * and starts one {@link org.mailwire.transport.sasl.SaslServerExchange} per AUTH/AUTHENTICATE
 * command. The exchange sees base64-decoded messages only; the framing ({@code 334}, {@code +},
 * {@code =}, {@code *}) stays in the protocol, and so do the failure delay and the failure
 * counter of SECURITY.md row 14.
 *
 * <p>Client side: {@link org.mailwire.transport.sasl.SaslClients} builds a
 * {@link org.mailwire.transport.sasl.SaslClientMechanism} per authentication.
 *
 * <p>Pure by rule (checked by {@code SaslPackagePurityTest}): the JDK and its crypto only, no I/O,
 * no MINA, no Bouncy Castle, no logging. No secret (password, token, shared secret, SASL payload)
 * ever appears in an exception message or a {@code toString()} (SECURITY.md row 16).
 */
package org.mailwire.transport.sasl;
