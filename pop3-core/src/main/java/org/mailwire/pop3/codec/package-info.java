/**
 * The pure POP3 codec: {@link org.mailwire.pop3.codec.Pop3CommandDecoder} (server side, with an
 * AUTH mode), {@link org.mailwire.pop3.codec.Pop3ResponseDecoder} (client side, with pipelined
 * expectations, streamed multi-line bodies and bounded listings), and the encoders, all bounded
 * by one {@link org.mailwire.pop3.codec.Pop3DecoderConfig}. Multi-line bodies are written with
 * the transport's {@link org.mailwire.transport.line.DotStuffer}.
 *
 * <p>Pure by rule (checked by {@code Pop3CodecPurityTest}): the JDK, the model package and the
 * transport's line package only. No I/O, no MINA, no logging: a fuzzer drives it with byte buffers.
 */
package org.mailwire.pop3.codec;
