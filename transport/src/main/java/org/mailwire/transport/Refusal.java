package org.mailwire.transport;

/** Why a listener turned a connection away before any protocol handler saw it. */
public enum Refusal {
    /** The listener already serves its maximum number of connections. */
    TOO_MANY_CONNECTIONS,
    /** The remote address already holds its maximum number of connections. */
    TOO_MANY_FROM_ADDRESS
}
