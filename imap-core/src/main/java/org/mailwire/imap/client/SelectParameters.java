package org.mailwire.imap.client;

import org.mailwire.imap.Qresync;

/**
 * What SELECT/EXAMINE asks for beyond the plain command.
 *
 * @param condstore send the CONDSTORE parameter (RFC 7162 §3.1.8): per-message mod-sequences from
 *     now on; needs CONDSTORE advertised
 * @param qresync the QRESYNC parameter (RFC 7162 §3.2.5) with what the client knew, or null; needs
 *     QRESYNC advertised, and the client sends {@code ENABLE QRESYNC} first when it has not yet
 */
public record SelectParameters(boolean condstore, Qresync qresync) {

    public static final SelectParameters NONE = new SelectParameters(false, null);

    /** CONDSTORE only. */
    public static final SelectParameters CONDSTORE = new SelectParameters(true, null);

    /** CONDSTORE only (same as {@link #CONDSTORE}). */
    public static SelectParameters withCondstore() {
        return new SelectParameters(true, null);
    }

    /** QRESYNC with what the client knew. */
    public static SelectParameters withQresync(Qresync qresync) {
        return new SelectParameters(false, java.util.Objects.requireNonNull(qresync, "qresync"));
    }
}
