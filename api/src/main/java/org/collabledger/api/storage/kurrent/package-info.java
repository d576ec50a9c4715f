/**
 * The event store on KurrentDB ({@code ledger.storage.engine=kurrent}): an Axon storage engine on
 * the official {@code kurrentdb-client}, the stream layout and event mapping shared with the
 * migration in {@code ops}, and the SQL event mirror the history, money and evidence reads use on
 * this engine. The only package of the application that talks to KurrentDB; nothing outside storage
 * wiring and {@code ops} depends on it.
 */
package org.collabledger.api.storage.kurrent;
