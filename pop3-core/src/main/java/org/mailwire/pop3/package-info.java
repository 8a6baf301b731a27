/**
 * The POP3 model: commands ({@link org.mailwire.pop3.Pop3Command}), status lines
 * ({@link org.mailwire.pop3.StatusLine}) with RFC 2449 response codes
 * ({@link org.mailwire.pop3.ResponseCode}), listing lines ({@link org.mailwire.pop3.ScanListing},
 * {@link org.mailwire.pop3.UniqueId}) and advertised capabilities
 * ({@link org.mailwire.pop3.Pop3Capabilities}).
 *
 * <p>Pure by rule (checked by {@code Pop3CodecPurityTest}): records over the JDK only. Every value
 * validates itself at construction, so nothing built from this package can put CR, LF or NUL on
 * the wire (SECURITY.md row 11).
 */
package org.mailwire.pop3;
