package org.mailwire.samples;

/**
 * What an {@link SmtpSink} has seen so far.
 *
 * @param messages    messages accepted (answered 250)
 * @param bytes       body octets of the accepted messages, after dot-unstuffing
 * @param connections connections accepted since the start
 */
public record SinkCounters(long messages, long bytes, long connections) {

    /** One line for the console, e.g. {@code messages=2 bytes=1234 connections=3}. */
    public String line() {
        return "messages=" + messages + " bytes=" + bytes + " connections=" + connections;
    }
}
