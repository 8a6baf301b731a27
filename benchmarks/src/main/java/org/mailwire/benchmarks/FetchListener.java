package org.mailwire.benchmarks;

/**
 * What a test sees of each FETCH response a benchmark sink reads; benchmarks leave it unset, so
 * the measured loop does not pay for it.
 */
interface FetchListener {

    /**
     * @param subject the envelope subject as the parser returns it, null for NIL
     * @param parts   body parts in the body structure, multiparts and nested messages included
     */
    void fetched(long uid, String subject, int parts);
}
