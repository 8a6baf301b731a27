/**
 * The IMAP model: commands, responses and response codes, tags, sequence sets, flags, mailbox names, dates and FETCH items as
 * immutable values over the JDK alone. Every factory validates its input, so a value that exists
 * can be written to the wire without injecting a second command (SECURITY.md row 11).
 */
package org.mailwire.imap;
