package org.mailwire.imap.client;

import java.util.Objects;
import java.util.Optional;
import org.mailwire.imap.ResponseCode;

/**
 * What APPEND reported.
 *
 * @param appendUid {@code [APPENDUID]} (RFC 4315 §3): the target's UIDVALIDITY and the new UID,
 *                  when the server has UIDPLUS
 */
public record AppendResult(Optional<ResponseCode.AppendUid> appendUid) {
    public AppendResult {
        Objects.requireNonNull(appendUid, "appendUid");
    }
}
