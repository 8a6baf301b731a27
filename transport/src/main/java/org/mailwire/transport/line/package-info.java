/**
 * The bounded CRLF line scanner that SMTP, POP3 and IMAP codecs build on.
 *
 * <p>Pure by rule (checked by {@code LinePackagePurityTest}): nothing but the JDK, no I/O, no
 * MINA, no logging, so a fuzzer or a unit test drives it with plain byte buffers. A
 * {@link org.mailwire.transport.line.LineScanner} is fed whatever the transport read, in any
 * chunking, and reports complete lines to a {@link org.mailwire.transport.line.LineSink} with
 * the {@link org.mailwire.transport.line.LineViolation}s found in each; limits and leniencies are
 * a {@link org.mailwire.transport.line.LineScannerConfig}.
 */
package org.mailwire.transport.line;
