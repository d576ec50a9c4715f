/**
 * The ledger's write model: commands, events, aggregates and the rules they keep.
 *
 * <p>Module boundary: this package and its sub-packages depend on the JDK and on Axon's modelling
 * and event-sourcing annotations only. No Spring, no JDBC, no HTTP, no Jackson annotations; {@code
 * DomainBoundaryTest} keeps it so. Each aggregate has its own feature package with one sealed
 * interface for its commands and one for its events. Rules that span aggregates (a cited resource
 * must exist and not be taken down) are asked of the {@link
 * org.collabledger.domain.catalog.LedgerCatalog} port, which the storage wiring implements inside
 * the same transaction as the append.
 */
package org.collabledger.domain;
