/**
 * Operating the ledger: liveness and readiness, health details, and Micrometer metrics, served by
 * Spring Boot Actuator on the management port (docs/health-and-metrics.md). It only observes: it
 * reads where the store, the projections and the seal stand, times the commands the HTTP edge sends
 * ({@code web.CommandDispatcher} calls {@link org.collabledger.api.operations.CommandMetrics}) and
 * counts payouts as they commit; nothing else in the ledger depends on it.
 */
package org.collabledger.api.operations;
