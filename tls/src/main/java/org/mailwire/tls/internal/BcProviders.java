package org.mailwire.tls.internal;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/**
 * The Bouncy Castle crypto and JSSE providers as private instances.
 *
 * <p>They are passed to every {@code getInstance(..., provider)} call and never registered with
 * {@link java.security.Security}: an application embedding Mailwire keeps its own provider list, and
 * a second copy of Bouncy Castle in the same JVM cannot be shadowed or shadow ours.
 *
 * @param crypto the Bouncy Castle JCA provider (keys, signatures, key stores, ciphers)
 * @param jsse   the BCJSSE provider built on {@code crypto}
 */
public record BcProviders(Provider crypto, Provider jsse) {

    /** Created on first use; both providers are immutable after construction and thread-safe. */
    private static final class Holder {
        private static final BcProviders INSTANCE = create();

        private static BcProviders create() {
            Provider crypto = new BouncyCastleProvider();
            return new BcProviders(crypto, new BouncyCastleJsseProvider(crypto));
        }
    }

    public static BcProviders get() {
        return Holder.INSTANCE;
    }
}
