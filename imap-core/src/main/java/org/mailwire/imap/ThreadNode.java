package org.mailwire.imap;

import java.util.Arrays;
import java.util.List;

/**
 * One {@code thread-list} of a THREAD response (RFC 5256 §4): a chain of messages, each the
 * parent of the next, and the branches below the last one.
 *
 * <p>This mirrors the wire form rather than holding one node per message: {@code (3 6 (4 23)(44 7
 * 96))} is {@code messages = [3, 6]} with the branches {@code [4, 23]} and {@code [44, 7, 96]}. A
 * reply chain of any length is then one flat list, so the model's depth (and the recursion of
 * {@code equals}, {@code hashCode} and the encoder) is the number of branch points, which the
 * decoder caps, never the length of a conversation. A missing parent (the server knows two
 * messages are siblings but not their parent) is an empty chain: {@code ((3)(5))} is
 * {@code messages = []} with two branches. The grammar allows exactly these shapes, and the
 * constructor refuses any other, so every value has one wire form.
 *
 * @param messages message numbers or UIDs (1..2^32-1), parent first; empty for a missing parent
 * @param children the branches under the last message: none, or at least two ({@code thread-nested})
 */
public record ThreadNode(List<Long> messages, List<ThreadNode> children) {

    public ThreadNode {
        messages = List.copyOf(messages);
        messages.forEach(Numbers::nz32);
        children = List.copyOf(children);
        if (children.size() == 1) {
            throw new IllegalArgumentException("a thread branches into none or at least two threads");
        }
        if (messages.isEmpty() && children.isEmpty()) {
            throw new IllegalArgumentException("a thread list holds a message or branches");
        }
    }

    /** A chain of messages without branches. */
    public static ThreadNode chain(long... messages) {
        return new ThreadNode(Arrays.stream(messages).boxed().toList(), List.of());
    }
}
