/**
 * The Spring Boot application: the only module that knows HTTP, Spring, JDBC and security.
 *
 * <p>Sub-packages: {@code storage} wires Axon's JDBC event store on tables whose DDL lives in the
 * Flyway migrations {@code db/migration/<dialect>/V*.sql}; {@code catalog} answers the domain's
 * {@code LedgerCatalog} port inside the appending transaction; {@code web} holds the HTTP edge
 * (commands, problems, idempotency); {@code history} reads the stored events back; {@code evidence}
 * seals the global stream into a Merkle tree and serves digests, proofs and the verifier; {@code
 * security} authenticates, sets the actor and decides who may call what from one table ({@code
 * AccessRules}); {@code demo} loads the demo data set once. Controllers never check business rules:
 * they turn requests into commands and let the aggregates refuse.
 */
package org.collabledger.api;
