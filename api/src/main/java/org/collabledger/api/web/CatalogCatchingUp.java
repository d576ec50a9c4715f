package org.collabledger.api.web;

/**
 * A command whose events are stored (in KurrentDB) while the catalog that the ledger's rules read
 * has not taken them yet: not a success, and not a failure to retry, since sending it again would
 * store it twice.
 */
public class CatalogCatchingUp extends RuntimeException {

    CatalogCatchingUp(String whose, Throwable cause) {
        super(
                whose
                        + " stored its events, but the catalog the ledger's rules read has not taken them yet; do not "
                        + "send it again: with an Idempotency-Key, ask again shortly with the same key for its outcome",
                cause);
    }
}
