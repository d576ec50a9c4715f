/**
 * Operating the ledger: liveness, readiness and health details, served by Spring Boot Actuator on
 * the management port. It only observes: it reads where the store, the projections and the seal
 * stand; nothing else in the ledger depends on it.
 */
package org.collabledger.api.operations;
