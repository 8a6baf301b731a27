package org.mailwire.imap.client;

import java.util.Objects;
import java.util.Optional;
import org.mailwire.imap.ResponseCode;

/**
 * What COPY or MOVE reported.
 *
 * @param copyUid {@code [COPYUID]} (RFC 4315 §3, RFC 6851 §4.3): the target's UIDVALIDITY, the
 *                source UIDs and the UIDs they got, when the server has UIDPLUS
 */
public record CopyResult(Optional<ResponseCode.CopyUid> copyUid) {
    public CopyResult {
        Objects.requireNonNull(copyUid, "copyUid");
    }
}
